package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.period.Quarter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The admin interface's words ({@code i18n/messages*.properties}) in the request's language, for what the
 * controllers say (flash messages, titles, problems).
 * Arguments are passed as text, so an execution id is never grouped as a number ({@code 1,234}).
 */
@Component
public class Words {

    private final MessageSource messages;

    Words(MessageSource messages) {
        this.messages = messages;
    }

    /** A quarter a form names ({@code 2026-Q3}, spaces around allowed); refused with its words otherwise. */
    Quarter quarter(String period) {
        try {
            return Quarter.parse(period.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(get("refusal.notAQuarter", period));
        }
    }

    public String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] == null ? "" : args[i].toString();
        }
        return messages.getMessage(key, texts, LocaleContextHolder.getLocale());
    }
}
