package io.periodclose.statement;

import io.periodclose.annual.AnnualRebateYearEndTest;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static io.periodclose.statement.StatementRenderer.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annual rebate on the statements (SPEC §8.2): explained on the annual statement of its year, in Russian and
 * English, and credited as a movement on 1 January on the first quarter statement of the next year. The books are
 * {@link AnnualRebateYearEndTest#books2030}'s.
 */
@DatabaseTest
class AnnualRebateStatementTest {

    static final Path OUT = Path.of("target/test-out/statements");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    StatementSource source;

    @BeforeEach
    void yearEndOf2030() throws IOException {
        FileSystemUtils.deleteRecursively(OUT.resolve("2030"));
        FileSystemUtils.deleteRecursively(OUT.resolve("2031-Q1"));
        AnnualRebateYearEndTest.books2030(jdbc, closes);
        completed(expiries.expire(2030));
    }

    @Test
    void theAnnualStatementExplainsTheAnnualRebateInRussian() throws IOException {
        String d2 = Pdf.read(Files.readAllBytes(OUT.resolve("2030/D2.pdf"))).flat();

        assertThat(d2).contains("AS-2030-D2", "Годовой бонус за 2030 1 100,00",
                "Чистый оборот за 2030: 109 999,99",
                "Годовой план (сумма квартальных планов): 100 000,00",
                "Выполнение 109,99 % годового плана достигает порога 100 %: 1 % от оборота 109 999,99",
                "Годовой бонус 1 100,00 будет зачислен на бонусный счёт 01.01.2031",
                "Ещё 0,01 оборота — и был бы достигнут годовой порог 110 % со ставкой 2 % оборота.");
        // D1 reached the top rung: nothing more to reach; D4 has no target at all
        String d1 = Pdf.read(Files.readAllBytes(OUT.resolve("2030/D1.pdf"))).flat();
        assertThat(d1).contains("Годовой бонус за 2030 2 200,00", "Выполнение 110 % годового плана достигает порога"
                + " 110 %: 2 % от оборота 110 000,00").doesNotContain("Ещё");
        // the expiry took D1's 1,100.00 of quarterly bonus, not the annual rebate credited next year
        assertThat(d1).contains("Списание неиспользованного бонуса на 31.12.2030 -1 100,00");
        assertThat(Pdf.read(Files.readAllBytes(OUT.resolve("2030/D4.pdf"))).flat())
                .contains("План на 2030 не установлен, поэтому годовой бонус не начисляется.",
                        "Годовой бонус за 2030 0,00");
    }

    @Test
    void theAnnualStatementExplainsTheAnnualRebateInEnglish() {
        StatementRenderer renderer = new StatementRenderer(Path.of("reports"));
        String d3 = Pdf.read(renderer.renderAnnual(source.annual(2030, "D3", LocalDate.parse("2031-01-10")), ENGLISH))
                .flat();

        assertThat(d3).contains("Annual bonus for 2030 200.00", "Net turnover for 2030: 20,000.00",
                "Annual target (the sum of the quarterly targets): 20,000.00",
                "Attainment 100% of the annual target reaches the 100% rung: 1% of turnover 20,000.00",
                "Annual bonus 200.00, to be credited to the bonus fund on 01 Jan 2031",
                "Another 2,000.00 of turnover would have reached the 110% annual rung, which pays 2% of turnover.");
        String d5 = Pdf.read(renderer.renderAnnual(source.annual(2030, "D5", LocalDate.parse("2031-01-10")), ENGLISH))
                .flat();
        assertThat(d5).contains("Net turnover for 2030: -200.00",
                "There was no positive net turnover in 2030, so no annual bonus is earned.");
    }

    @Test
    void theFirstQuarterStatementOfTheNextYearListsTheAnnualCredit() throws IOException {
        completed(closes.close(Quarter.parse("2031-Q1"), LocalDate.parse("2031-04-02"), false));

        String d1 = Pdf.read(Files.readAllBytes(OUT.resolve("2031-Q1/D1.pdf"))).flat();

        assertThat(d1).contains("01.01.2031 Годовой бонус за 2030 +2 200,00 2 200,00",
                "Исходящий остаток на 31.03.2031 2 200,00",
                // the reconciliation counts it as bonus credited: opening + accrued … = closing
                "0,00 2 200,00 0,00 0,00 0,00 2 200,00");
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
