package io.periodclose.money;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Amounts and other decimals as people read them in the web interface's languages: Russian {@code 1 234,56} (a
 * no-break space groups the thousands), English {@code 1,234.56}; the digits after the point are the amount's own
 * (the currency's minor digits for money, as the books hold it). Only for pages: files, CSV and the API keep the
 * plain {@code 1234.56} of {@link Currencies#format}.
 */
public final class LocalizedNumbers {

    /** U+00A0, the no-break space Russian groups thousands with, so an amount never wraps. */
    public static final char NO_BREAK_SPACE = '\u00a0';

    private LocalizedNumbers() {
    }

    /** {@code amount} rounded to the currency's minor digits, grouped for {@code locale}. */
    public static String amount(BigDecimal amount, String currency, Locale locale) {
        return amount == null ? "" : number(Currencies.round(amount, currency), locale);
    }

    /** {@code number} with its own scale, grouped for {@code locale}. */
    public static String number(BigDecimal number, Locale locale) {
        if (number == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0", symbols(locale));
        int scale = Math.max(number.scale(), 0);
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        format.setParseBigDecimal(true);
        return format.format(number);
    }

    /**
     * A plain decimal as the books write it ({@code 1234.50}, {@code -3.00}, {@code +30.00}) written for
     * {@code locale}, its sign kept; anything else (empty, a word) as it is.
     */
    public static String plain(String text, Locale locale) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String sign = text.startsWith("+") ? "+" : "";
        try {
            return sign + number(new BigDecimal(sign.isEmpty() ? text : text.substring(1)), locale);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static DecimalFormatSymbols symbols(Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        boolean russian = locale != null && "ru".equals(locale.getLanguage());
        symbols.setGroupingSeparator(russian ? NO_BREAK_SPACE : ',');
        symbols.setDecimalSeparator(russian ? ',' : '.');
        symbols.setMinusSign('-');
        return symbols;
    }
}
