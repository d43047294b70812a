package io.periodclose.statement;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The statement's wording and number formats in one locale and currency. Everything the templates print that is
 * not a fixed label goes through here, so the templates stay free of formatting logic. Not thread-safe (it holds
 * {@link DecimalFormat}s): one per rendering.
 */
final class StatementText {

    private final ResourceBundle bundle;
    private final Locale locale;
    private final String currency;
    private final int digits;
    private final DecimalFormat amounts;
    private final DecimalFormat rates;
    private final DateTimeFormatter dates;

    StatementText(ResourceBundle bundle, Locale locale, String currency) {
        this.bundle = bundle;
        this.locale = locale;
        this.currency = currency;
        this.digits = Currencies.minorDigits(currency);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.amounts = new DecimalFormat("#,##0", symbols);
        amounts.setMinimumFractionDigits(digits);
        amounts.setMaximumFractionDigits(digits);
        this.rates = new DecimalFormat("#,##0.##########", symbols);
        this.dates = DateTimeFormatter.ofPattern(bundle.getString("format.date"), locale);
    }

    /** {@code 1 234,50} in Russian, {@code 1,234.50} in English; JPY without decimals. */
    String amount(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > digits) {
            // Rounding here would print a figure the books do not hold.
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
                    + currency + " allows (" + digits + ")");
        }
        return amounts.format(amount);
    }

    /** A movement from the fund's side: {@code +1 234,50} credit, {@code -1 234,50} debit. */
    String signed(BigDecimal amount) {
        return amount.signum() > 0 ? "+" + amount(amount) : amount(amount);
    }

    String date(LocalDate date) {
        return dates.format(date);
    }

    /** A rate or percentage as written, without trailing zeros: {@code 1,5 %}, {@code 120 %}. */
    String percent(BigDecimal percent) {
        return text("format.percent", rates.format(percent));
    }

    String quarter(Quarter quarter) {
        return text("format.quarter", String.valueOf(quarter.year()), String.valueOf(quarter.number()));
    }

    String range(LocalDate from, LocalDate to) {
        return text("format.range", date(from), date(to));
    }

    String label(String key) {
        return bundle.getString(key);
    }

    /** The label, or {@code fallback} when the bundle has none (e.g. a claim direction nobody translated). */
    String labelOr(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    /** A sentence with arguments; pass them formatted, so that MessageFormat never groups a year as "2 026". */
    String text(String key, String... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    ResourceBundle bundle() {
        return bundle;
    }

    Locale locale() {
        return locale;
    }
}
