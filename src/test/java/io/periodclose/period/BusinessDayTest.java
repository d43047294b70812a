package io.periodclose.period;

import io.periodclose.RefusedException;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §5: a quarter cannot be closed before it has ended, whatever business date the close is given. */
@DatabaseTest
class BusinessDayTest {

    @Autowired
    JdbcTemplate jdbc;

    PeriodRules rules;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").invoice("D1", "2026-11-10", "LAPTOPS", "100.00", "EUR");
        rules = new PeriodRules(jdbc, BusinessDay.fixed(LocalDate.parse("2026-12-01")));
    }

    @Test
    void aCloseOrRecloseDatedAfterTodayIsRefused() {
        assertThatThrownBy(() -> rules.checkClose(Quarter.parse("2026-Q4"), LocalDate.parse("2027-01-05")))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the business date 2027-01-05 is after today (2026-12-01)");
        assertThatThrownBy(() -> rules.checkClose(Quarter.parse("2026-Q4"), LocalDate.parse("2026-12-01")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("has not ended yet");
        assertThatCode(() -> rules.checkClose(Quarter.parse("2026-Q3"), LocalDate.parse("2026-12-01")))
                .doesNotThrowAnyException();

        Books.markClosed(jdbc, "2026-Q3");
        assertThatThrownBy(() -> rules.checkReclose(Quarter.parse("2026-Q3"), LocalDate.parse("2026-12-02")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is after today (2026-12-01)");
        assertThatCode(() -> rules.checkReclose(Quarter.parse("2026-Q3"), LocalDate.parse("2026-12-01")))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutASetDayTodayIsTheSystemsDate() {
        assertThat(new BusinessDay("").today()).isEqualTo(LocalDate.now());
        assertThat(new BusinessDay(" 2027-01-05 ").today()).isEqualTo(LocalDate.parse("2027-01-05"));
    }
}
