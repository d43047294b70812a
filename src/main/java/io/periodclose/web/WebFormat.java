package io.periodclose.web;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How the pages write times and durations ({@code ${@format.duration(...)}} in the templates). */
@Component("format")
public class WebFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String time(LocalDateTime time) {
        return time == null ? "" : TIME.format(time);
    }

    public String time(OffsetDateTime time) {
        return time == null ? "" : TIME.format(time.atZoneSameInstant(java.time.ZoneId.systemDefault()));
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format("%d.%01d s", seconds, duration.toMillisPart() / 100);
        }
        if (seconds < 3600) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
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
