package io.periodclose.delivery;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the messages in one language ({@code delivery/i18n/delivery*.properties}, Russian or English): the
 * covering text of a statement, by kind, and the headings of finance's summary.
 */
public final class CoveringText {

    private static final Pattern QUARTER = Pattern.compile("([0-9]{4})-Q([1-4])");

    private final ResourceBundle bundle;
    private final Locale locale;
    private final String portal;

    private CoveringText(ResourceBundle bundle, Locale locale, String portal) {
        this.bundle = bundle;
        this.locale = locale;
        this.portal = portal;
    }

    /** The same words, with a paragraph pointing to the distributor portal at {@code portal} (none when null). */
    public CoveringText withPortal(String portal) {
        return new CoveringText(bundle, locale, portal);
    }

    /** {@code ru} or {@code en}; anything else is refused by the command line before it gets here. */
    public static CoveringText of(String language) {
        Locale locale = Locale.forLanguageTag(language);
        // the English bundle is the base one: without this, a machine whose default locale is Russian would answer
        // "en" with the Russian text
        ResourceBundle bundle = ResourceBundle.getBundle("delivery.i18n.delivery", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new CoveringText(bundle, locale, null);
    }

    /** {@code 1 кв. 2026}, {@code Q1 2026}; a year: {@code 2026 год}, {@code the year 2026}. */
    public String period(String period) {
        Matcher quarter = QUARTER.matcher(period);
        if (quarter.matches()) {
            return format("period.quarter", quarter.group(1), quarter.group(2));
        }
        return format("period.year", period);
    }

    public String subject(StatementToSend s) {
        return format("subject." + s.kind(), period(s.period()), s.name());
    }

    public String text(StatementToSend s, String finance) {
        Object[] arguments = {period(s.period()), s.name(), s.distributor(), s.file(), s.sha256(), finance, portal};
        List<String> paragraphs = new ArrayList<>(List.of(format("greeting", arguments),
                format("body." + s.kind(), arguments), format("checksum", arguments)));
        if (portal != null) {
            paragraphs.add(format("portal", arguments));
        }
        paragraphs.add(format("footer", arguments));
        return String.join("\n\n", paragraphs) + "\n";
    }

    public String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
