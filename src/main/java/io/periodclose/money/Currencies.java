package io.periodclose.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;

/** ISO 4217 facts the books need: whether a code exists and how many minor digits its amounts carry. */
public final class Currencies {

    private Currencies() {
    }

    /** The currency for an upper-case ISO 4217 code, if the JDK knows it and it has a defined minor unit. */
    public static Optional<Currency> lookup(String code) {
        if (!isThreeUpperCaseLetters(code)) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code [A-Z]{3}}, checked by hand: imports look up a currency for every row, a regex would compile each time. */
    private static boolean isThreeUpperCaseLetters(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    public static int minorDigits(String code) {
        return lookup(code).map(Currency::getDefaultFractionDigits)
                .orElseThrow(() -> new IllegalArgumentException("unknown currency " + code));
    }

    /** Rounds to the currency's minor unit with HALF_UP, as every posted figure is. */
    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(minorDigits(currency), RoundingMode.HALF_UP);
    }

    /** Plain text with exactly the currency's minor digits, no grouping: {@code 1234.50}, JPY {@code 1235}. */
    public static String format(BigDecimal amount, String currency) {
        return round(amount, currency).toPlainString();
    }
}
