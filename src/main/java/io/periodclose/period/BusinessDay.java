package io.periodclose.period;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Today, for the rule that a quarter cannot be closed before it has ended (SPEC §5): a close's business date
 * ({@code --as-of}) may lie in the past, never after today. {@code period-close.today} sets another day, for a
 * rehearsal of future closes on a copy of the books and for tests; unset, it is the system's date.
 */
@Component
public class BusinessDay {

    private final LocalDate fixed;

    public BusinessDay(@Value("${period-close.today:}") String today) {
        this.fixed = today == null || today.isBlank() ? null : LocalDate.parse(today.strip());
    }

    public static BusinessDay fixed(LocalDate today) {
        return new BusinessDay(today.toString());
    }

    public LocalDate today() {
        return fixed != null ? fixed : LocalDate.now();
    }
}
