package io.periodclose.web;

import io.periodclose.money.LocalizedNumbers;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How the admin pages write times, dates, durations and amounts ({@code ${@format.duration(...)}} in the
 * templates), in the request's language ({@link AdminLocale}): Russian {@code 05.04.2026 10:00:00} and
 * {@code 1 234,56}, English {@code 2026-04-05 10:00:00} and {@code 1,234.56}. The API and the CSV downloads do not
 * use it: they stay machine-formatted.
 */
@Component("format")
public class WebFormat {

    private final Words words;

    WebFormat(Words words) {
        this.words = words;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME_RU = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter MINUTES_RU = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_RU = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private static boolean russian() {
        return "ru".equals(locale().getLanguage());
    }

    public String time(LocalDateTime time) {
        return time == null ? "" : (russian() ? TIME_RU : TIME).format(time);
    }

    public String time(OffsetDateTime time) {
        return time == null ? "" : time(time.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime());
    }

    /** To the minute, as the schedules are shown. */
    public String minutes(TemporalAccessor time) {
        if (time instanceof OffsetDateTime offset) {
            time = offset.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        return time == null ? "" : (russian() ? MINUTES_RU : MINUTES).format(time);
    }

    public String date(LocalDate date) {
        return date == null ? "" : (russian() ? DATE_RU : DATE).format(date);
    }

    /** A date the books hold as text ({@code 2026-04-05}); anything else as it is. */
    public String date(String date) {
        if (date == null || date.isEmpty()) {
            return "";
        }
        try {
            return date(LocalDate.parse(date));
        } catch (java.time.format.DateTimeParseException e) {
            return date;
        }
    }

    /** An amount rounded to its currency's minor digits: {@code 1 234,56} or {@code 1,234.56}. */
    public String money(BigDecimal amount, String currency) {
        return LocalizedNumbers.amount(amount, currency, locale());
    }

    /** A decimal, its scale kept; or a plain decimal as text ({@code 1234.50}, {@code +30.00}), its sign kept. */
    public String number(Object number) {
        if (number == null) {
            return "";
        }
        if (number instanceof BigDecimal decimal) {
            return LocalizedNumbers.number(decimal, locale());
        }
        if (number instanceof Long || number instanceof Integer) {
            return LocalizedNumbers.number(BigDecimal.valueOf(((Number) number).longValue()), locale());
        }
        return LocalizedNumbers.plain(number.toString(), locale());
    }

    /** A percentage such as {@code 12.5 %}: its number written for the language. */
    public String percent(BigDecimal percent) {
        return percent == null ? "–" : number(percent) + " %";
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return words.get("format.duration.seconds", seconds, duration.toMillisPart() / 100);
        }
        if (seconds < 3600) {
            return words.get("format.duration.minutes", seconds / 60, String.format("%02d", seconds % 60));
        }
        return words.get("format.duration.hours", seconds / 3600, String.format("%02d", (seconds % 3600) / 60));
    }

    public String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        return duration(Duration.between(start, end != null ? end : LocalDateTime.now()));
    }

    /** The first line of an exit description; the page shows the rest (a stack trace) folded. */
    public String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
