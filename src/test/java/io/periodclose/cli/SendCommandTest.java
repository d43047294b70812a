package io.periodclose.cli;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import io.periodclose.support.TestSmtpServer;
import io.periodclose.support.TestSmtpServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code send} as an admin runs it: one line per message, the exit codes (0 done, 3 an address refused, 2 no mail
 * server or no such period), the {@code --lang en} covering text, and a second send that has nothing left.
 */
@DatabaseTest
class SendCommandTest {

    static final TestSmtpServer SMTP = new TestSmtpServer();
    static final Map<String, String> MAIL = Map.of("spring.mail.host", "127.0.0.1",
            "spring.mail.port", Integer.toString(SMTP.port), "period-close.finance-email", "finance@bonus.example");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeAll
    static void start() {
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @BeforeEach
    void closedQuarter() {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(Path.of("target/test-out/statements").toFile());
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D9", "SILVER", "JPY")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D9", "2026-03-05", "MONITORS", "123457", "JPY");
        jdbc.update("UPDATE distributor SET email = 'bonus@" + TestSmtpServer.REFUSING_DOMAIN + "' WHERE code = 'D9'");
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @AfterEach
    void noMail() {
        MAIL.keySet().forEach(System::clearProperty);
    }

    @Test
    void sendsPrintsEachMessageAndExitsWithThreeWhenAnAddressWasRefused() {
        CommandLineRun unconfigured = cli("send", "--period", "2026-Q1");
        assertThat(unconfigured.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unconfigured.err()).contains("no mail server is configured: set spring.mail.host");

        MAIL.forEach(System::setProperty);
        int before = SMTP.received().size();
        CommandLineRun run = cli("--lang", "en", "send", "--period", "2026-Q1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.REFUSED);
        String d1 = jdbc.queryForObject("SELECT message_id FROM delivery WHERE distributor_code = 'D1'", String.class);
        assertThat(run.out()).contains("SENT    D1 D1.pdf STATEMENT to d1@example.com " + d1 + "\n",
                "FAILED  D9 D9.pdf STATEMENT to bonus@refused.example " + TestSmtpServer.REFUSAL + "\n",
                ": 1 sent, 1 failed; summary sent to finance as <");
        assertThat(SMTP.received().subList(before, SMTP.received().size())).extracting(Received::subject)
                .containsExactly("Bonus programme statement for Q1 2026: ООО «D1»",
                        "Statements for Q1 2026 e-mailed: 1 sent, 1 failed");

        CommandLineRun again = cli("send", "--period", "2026-Q1");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.DONE);
        assertThat(again.out()).contains(": 0 sent, 0 failed (nothing left to send); no summary to finance");
        assertThat(SMTP.received()).hasSize(before + 2);

        assertThat(cli("send", "--period", "2026-Q7").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        CommandLineRun notClosed = cli("send", "--period", "2026-Q2");
        assertThat(notClosed.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(notClosed.err()).contains("no statement of 2026-Q2");
        assertThat(cli("jobs", "list", "--format", "csv").out()).contains(",send,2026-Q1,COMPLETED,");
    }

    private static CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        full[2] = "--out";
        full[3] = "target/test-out";
        System.arraycopy(args, 0, full, 4, args.length);
        return CommandLineRun.of(full);
    }
}
