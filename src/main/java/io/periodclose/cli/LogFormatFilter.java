package io.periodclose.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender of logback.xml write only when it is the chosen log format ({@code PERIOD_CLOSE_LOG_FORMAT}, as
 * a system property or in the environment; {@code text} by default), so both appenders can stay configured.
 */
public class LogFormatFilter extends Filter<ILoggingEvent> {

    private String format = "text";
    private volatile Boolean chosen;

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        Boolean isChosen = chosen;
        if (isChosen == null) {
            String value = System.getProperty("PERIOD_CLOSE_LOG_FORMAT", System.getenv("PERIOD_CLOSE_LOG_FORMAT"));
            isChosen = format.equalsIgnoreCase(value == null || value.isBlank() ? "text" : value.strip());
            chosen = isChosen;
        }
        return isChosen ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
