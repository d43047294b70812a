package io.periodclose.portal;

import io.periodclose.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The portal's words, Russian by default (the distributors' language, as their statements) and English on request:
 * {@code ?lang=en} or {@code ?lang=ru} chooses and is remembered in the session; without a choice, the first of
 * Russian or English in the browser's Accept-Language wins. The words are in {@code portal/text_<lang>.properties};
 * the admin interface has its own words and defaults to English ({@link Languages} is what both share).
 */
final class PortalText {

    static final String RU = "ru";
    static final String EN = "en";
    private static final String SESSION_KEY = PortalText.class.getName() + ".lang";
    private static final Map<String, Map<String, String>> TEXTS = Map.of(RU, load(RU), EN, load(EN));

    private PortalText() {
    }

    /** The language of this request: an explicit {@code lang} (remembered), the session's, or Accept-Language. */
    static String language(HttpServletRequest request, String lang) {
        HttpSession session = request.getSession(false);
        if (RU.equals(lang) || EN.equals(lang)) {
            if (session != null) {
                session.setAttribute(SESSION_KEY, lang);
            }
            return lang;
        }
        if (session != null && session.getAttribute(SESSION_KEY) instanceof String remembered) {
            return remembered;
        }
        return Languages.firstAccepted(request).map(Locale::getLanguage).orElse(RU);
    }

    static Map<String, String> of(String language) {
        return TEXTS.get(language);
    }

    private static Map<String, String> load(String language) {
        String name = "/portal/text_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = PortalText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> text = new HashMap<>();
        properties.forEach((key, value) -> text.put((String) key, (String) value));
        return Map.copyOf(text);
    }
}
