package io.periodclose.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

/**
 * The interface languages, Russian and English, and which of them a browser asks for: shared by the admin pages
 * ({@link AdminLocale}, English by default) and the portal (Russian by default), which differ only in the default.
 */
public final class Languages {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final Locale ENGLISH = Locale.ENGLISH;

    private Languages() {
    }

    /** Russian for a locale whose language is Russian, English for English, empty for any other. */
    public static Optional<Locale> supported(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        return switch (locale.getLanguage()) {
            case "ru" -> Optional.of(RUSSIAN);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }

    /** The first of Russian or English in the request's Accept-Language, in the browser's order of preference. */
    public static Optional<Locale> firstAccepted(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Optional.empty(); // the servlet container would answer its own default locale
        }
        for (Locale locale : Collections.list(request.getLocales())) {
            Optional<Locale> supported = supported(locale);
            if (supported.isPresent()) {
                return supported;
            }
        }
        return Optional.empty();
    }
}
