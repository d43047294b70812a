package io.periodclose.statement;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expiry as a motivator on paper: every quarter statement of Q1–Q3 states what of the fund will expire on
 * 31 December unless spent, the Q4 statement what expires at the year-end; figures from the ledger as the close
 * left it (its own accrual included), never from the calculation.
 */
@DatabaseTest
class ExpiryOnStatementsTest {

    static final Path OUT = Path.of("target/test-out/statements");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    Fixtures books;

    @BeforeEach
    void books() throws IOException {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(OUT);
        books = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR");
    }

    @Test
    void q1ToQ3StateWhatWillExpireUnlessSpentAndQ4WhatExpired() throws Exception {
        // D1: Q1 bonus 1.5 % of 10,000.00 = 150.00, credited on 1 April: all of it would expire on 31.12
        close("2026-Q1", "2026-04-02");
        assertThat(text("2026-Q1/D1.pdf")).contains(
                "Бонусный фонд обнуляется 31.12.2026: 150,00 EUR сгорят, если их не потратить до конца года.");
        // D2 earned nothing and has nothing to lose
        assertThat(text("2026-Q1/D2.pdf")).contains("Бонусный фонд обнуляется 31.12.2026: 0,00 EUR сгорят");

        // a catalogue claim of 100.00 in Q2 is covered in full: 50.00 is left to expire
        books.claim("C1", "D1", "2026-04-15", "CATALOGUES", "100.00", "EUR");
        close("2026-Q2", "2026-07-02");
        assertThat(text("2026-Q2/D1.pdf")).contains("Бонусный фонд обнуляется 31.12.2026: 50,00 EUR сгорят");
        close("2026-Q3", "2026-10-02");
        assertThat(text("2026-Q3/D1.pdf")).contains("Бонусный фонд обнуляется 31.12.2026: 50,00 EUR сгорят");

        // Q4: the year-end expires the 50.00 left at the end of 31 December
        close("2026-Q4", "2027-01-02");
        assertThat(text("2026-Q4/D1.pdf")).contains(
                "Бонусный фонд обнулён 31.12.2026: не потраченные до конца года 50,00 EUR сгорели.")
                .doesNotContain("сгорят");
    }

    private static String text(String file) throws IOException {
        return Pdf.read(Files.readAllBytes(OUT.resolve(file))).flat();
    }

    private void close(String period, String asOf) {
        assertThat(closes.close(Quarter.parse(period), LocalDate.parse(asOf), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
