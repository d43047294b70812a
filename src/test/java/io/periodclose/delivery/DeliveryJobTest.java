package io.periodclose.delivery;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.delivery.Deliveries.Status;
import io.periodclose.support.TestSmtpServer;
import io.periodclose.support.TestSmtpServer.Received;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.CloseService;
import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import javax.sql.DataSource;
import io.periodclose.period.Quarter;
import io.periodclose.statement.StatementFiles;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import io.periodclose.support.InjectedFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §10 against a real SMTP server in the test's process: the messages arrive with the statement the manifest
 * names, a send never sends a statement twice (a second send, a restart after a failure half-way, a process gone
 * between the server's acceptance and the record), a re-close's statements go out as corrections, and an address
 * the server refuses is recorded and reported while the others are delivered.
 */
@DatabaseTest
class DeliveryJobTest {

    static final TestSmtpServer SMTP = new TestSmtpServer();
    static final Path STATEMENTS = Path.of("target/test-out/statements");
    static final String FINANCE = "finance@bonus.example";
    static final Actor ANNA = new Actor("anna", Channel.CLI);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.port);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
        registry.add("period-close.finance-email", () -> FINANCE);
        registry.add("period-close.mail-from", () -> "bonus@vendor.example");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    DeliveryService sends;
    @Autowired
    JobRuns jobRuns;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DeliveryRuns runs;
    @Autowired
    Deliveries deliveries;
    @Autowired
    StatementCatalog catalog;
    @Autowired
    Mailer mailer;
    @Autowired
    DataSource dataSource;
    @Autowired
    Step sendAfterClose;

    Fixtures books;

    @BeforeEach
    void books() {
        if (SMTP.port > 0) {
            restartServer();
        }
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(STATEMENTS.toFile());
        books = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D3", "BRONZE", "EUR")
                .distributor("D9", "SILVER", "JPY")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR")
                .target("D3", "2026-Q1", "10000.00")
                .invoice("D9", "2026-03-05", "MONITORS", "123457", "JPY");
        close("2026-Q1", "2026-04-02", false);
    }

    private static boolean started;

    private static void restartServer() {
        if (started) {
            SMTP.stop();
        }
        SMTP.start();
        started = true;
    }

    @AfterAll
    static void stopServer() {
        if (started) {
            SMTP.stop();
            started = false;
        }
    }

    @Test
    void eachDistributorGetsItsLatestStatementInRussianAndFinanceOneSummary() throws Exception {
        DeliveryService.Launched launched = send("ru");

        Map<String, String> manifest = manifest("2026-Q1");
        for (String code : List.of("D1", "D3", "D9")) {
            List<Received> got = SMTP.receivedBy(code.toLowerCase() + "@example.com");
            assertThat(got).as(code).hasSize(1);
            Received message = got.get(0);
            assertThat(message.subject()).isEqualTo("Выписка по бонусной программе за 1 кв. 2026: ООО «" + code + "»");
            assertThat(message.attachments()).containsOnlyKeys(code + ".pdf");
            byte[] pdf = message.attachments().get(code + ".pdf");
            assertThat(StatementFiles.sha256(pdf)).isEqualTo(manifest.get(code))
                    .isEqualTo(StatementFiles.sha256(Files.readAllBytes(
                            STATEMENTS.resolve("2026-Q1/" + code + ".pdf"))));
            assertThat(message.text()).isEqualTo("Здравствуйте!\n\nВо вложении — выписка ООО «" + code + "» (код "
                    + code + ") по бонусной программе за 1 кв. 2026.\n\nФайл " + code + ".pdf, SHA-256 "
                    + manifest.get(code) + ".\n\nЭто письмо отправлено автоматически. С вопросами обращайтесь по"
                    + " адресу " + FINANCE + ".\n");
            assertThat(jdbc.queryForObject("""
                    SELECT status || ' ' || kind || ' ' || statement_version || ' ' || statement_sha256 || ' '
                           || address || ' ' || message_id FROM delivery WHERE distributor_code = ?""",
                    String.class, code))
                    .isEqualTo("SENT STATEMENT 0 " + manifest.get(code) + " " + code.toLowerCase() + "@example.com "
                            + message.messageId());
        }

        List<Received> summary = SMTP.receivedBy(FINANCE);
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).subject()).isEqualTo("Рассылка выписок за 1 кв. 2026: отправлено 3, не доставлено 0");
        assertThat(summary.get(0).text()).startsWith("Отправлено (3):\n  D1  D1.pdf  STATEMENT  d1@example.com  <")
                .contains("Не доставлено (0):\n  нет\n");
        assertThat(summary.get(0).attachments().get("manifest.csv"))
                .isEqualTo(Files.readAllBytes(STATEMENTS.resolve("2026-Q1/manifest.csv")));
        assertThat(new String(summary.get(0).attachments().get("deliveries.csv"), StandardCharsets.UTF_8).lines())
                .hasSize(4).first().isEqualTo("distributor_code,file,version,sha256,kind,address,status,message_id,"
                        + "attempted_at,sent_at,reply");
        assertThat(jdbc.queryForObject("SELECT summary_message_id FROM delivery_run WHERE id = ?", String.class,
                launched.run().id())).isEqualTo(summary.get(0).messageId());
        assertThat(jdbc.queryForList("SELECT username || ' ' || action || ' ' || outcome FROM audit_event",
                String.class)).containsExactly("anna SEND DONE");

        // a second send finds everything delivered: no message at all, not even to finance
        DeliveryService.Launched again = send("ru");
        assertThat(SMTP.received()).hasSize(4);
        assertThat(sends.outcome(again.run().id()).deliveries()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery", Integer.class)).isEqualTo(3);
    }

    @Test
    void theCoveringTextIsEnglishWithLangEn() {
        send("en");

        Received d1 = SMTP.receivedBy("d1@example.com").get(0);
        assertThat(d1.subject()).isEqualTo("Bonus programme statement for Q1 2026: ООО «D1»");
        assertThat(d1.text()).startsWith("Hello,\n\nPlease find attached the statement of ООО «D1» (code D1) under"
                + " the bonus programme for Q1 2026.\n\nFile D1.pdf, SHA-256 ");
        assertThat(SMTP.receivedBy(FINANCE).get(0).subject())
                .isEqualTo("Statements for Q1 2026 e-mailed: 3 sent, 0 failed");
    }

    @Test
    void aRestartAfterAFailureHalfWaySendsOnlyTheRest() {
        JobExecution failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "delivery", "NEW.distributor_code = 'D3'")) {
            failed = sends.send(ANNA, "2026-Q1", "ru").execution();
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com");
        assertThat(jdbc.queryForList("SELECT distributor_code || ' ' || status FROM delivery", String.class))
                .containsExactly("D1 SENT");

        completed(jobRuns.restart(failed.getId()));

        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com", "d3@example.com",
                "d9@example.com", FINANCE);
        assertThat(SMTP.receivedBy(FINANCE).get(0).subject()).endsWith("отправлено 3, не доставлено 0");
    }

    @Test
    void aServerDownFailsTheSendWithNothingRecordedAndTheRestartSendsAll() {
        SMTP.stop();
        started = false;
        JobExecution failed = sends.send(ANNA, "2026-Q1", "ru").execution();
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery", Integer.class)).isZero();

        restartServer();
        completed(jobRuns.restart(failed.getId()));
        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com", "d3@example.com",
                "d9@example.com", FINANCE);
    }

    @Test
    void aMessageAcceptedButNotRecordedIsInDoubtAndNeverSentAgainByItself() {
        jdbc.execute("CREATE FUNCTION lose_record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.distributor_code = 'D3' AND NEW.status = 'SENT' THEN RAISE EXCEPTION 'process gone'; END IF;"
                + " RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER lose_record BEFORE UPDATE ON delivery FOR EACH ROW"
                + " EXECUTE FUNCTION lose_record()");
        JobExecution failed;
        try {
            failed = sends.send(ANNA, "2026-Q1", "ru").execution();
        } finally {
            jdbc.execute("DROP TRIGGER lose_record ON delivery");
            jdbc.execute("DROP FUNCTION lose_record()");
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

        completed(jobRuns.restart(failed.getId()));
        send("ru");

        // D3's message reached the server once; the restart and the later send left it alone
        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com", "d3@example.com",
                "d9@example.com", FINANCE);
        assertThat(jdbc.queryForObject("SELECT status FROM delivery WHERE distributor_code = 'D3'", String.class))
                .isEqualTo("SENDING");
        assertThat(SMTP.receivedBy(FINANCE).get(0).text()).contains("Под вопросом (1)", "D3  D3.pdf  STATEMENT");

        // an admin who checked with the distributor sends it again on purpose
        DeliveryService.Launched resent = sends.resend(new Actor("root", Channel.WEB), "2026-Q1", "D3");
        completed(resent.execution());
        assertThat(SMTP.receivedBy("d3@example.com")).hasSize(2).last().extracting(Received::subject)
                .isEqualTo("Выписка по бонусной программе за 1 кв. 2026 (повторно): ООО «D3»");
        assertThat(jdbc.queryForList("SELECT kind || ' ' || status FROM delivery WHERE distributor_code = 'D3'"
                + " ORDER BY id", String.class)).containsExactly("STATEMENT SENDING", "RESEND SENT");
    }

    @Test
    void aReclosesStatementGoesOutAsACorrection() throws Exception {
        send("ru");
        close("2026-Q2", "2026-07-02", false);
        books.invoice("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");  // D3 reaches the 80 % rung: +160.00
        close("2026-Q1", "2026-07-05", true);

        send("ru");

        Map<String, String> manifest = manifest("2026-Q1");
        Received d3 = SMTP.receivedBy("d3@example.com").get(1);
        assertThat(d3.subject()).isEqualTo("Исправленная выписка по бонусной программе за 1 кв. 2026: ООО «D3»");
        assertThat(d3.text()).contains("эта выписка заменяет отправленную вам ранее", "Файл D3.r1.pdf");
        assertThat(d3.attachments()).containsOnlyKeys("D3.r1.pdf");
        assertThat(StatementFiles.sha256(d3.attachments().get("D3.r1.pdf"))).isEqualTo(manifest.get("D3"));
        assertThat(jdbc.queryForList("SELECT statement_version || ' ' || kind FROM delivery"
                + " WHERE distributor_code = 'D3' ORDER BY id", String.class))
                .containsExactly("0 STATEMENT", "1 CORRECTION");
        // once more: the correction went, nothing is left
        int before = SMTP.received().size();
        send("ru");
        assertThat(SMTP.received()).hasSize(before);
    }

    @Test
    void anAddressTheServerRefusesIsRecordedAndReportedAndTheOthersAreDelivered() {
        jdbc.update("UPDATE distributor SET email = 'bonus@" + TestSmtpServer.REFUSING_DOMAIN + "' WHERE code = 'D9'");

        DeliveryService.Launched launched = send("ru");

        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com", "d3@example.com",
                FINANCE);
        assertThat(jdbc.queryForObject("SELECT status || ' ' || address || ' ' || reply FROM delivery"
                + " WHERE distributor_code = 'D9'", String.class))
                .isEqualTo("FAILED bonus@refused.example " + TestSmtpServer.REFUSAL);
        assertThat(sends.outcome(launched.run().id()).count(Status.FAILED)).isEqualTo(1);
        Received summary = SMTP.receivedBy(FINANCE).get(0);
        assertThat(summary.subject()).isEqualTo("Рассылка выписок за 1 кв. 2026: отправлено 2, не доставлено 1");
        assertThat(summary.text()).contains("Не доставлено (1):\n  D9  D9.pdf  STATEMENT  bonus@refused.example  "
                + TestSmtpServer.REFUSAL + "\n");

        // the same address would be refused again: a second send leaves it; a corrected address gets it
        send("ru");
        assertThat(SMTP.received()).hasSize(3);
        jdbc.update("UPDATE distributor SET email = 'd9@example.com' WHERE code = 'D9'");
        send("ru");
        assertThat(SMTP.receivedBy("d9@example.com")).hasSize(1);
    }

    @Test
    void theCloseCanEndBySendingItsStatementsAndItsRestartGoesOnWithTheSameSend() throws Exception {
        Job closeThenSend = new JobBuilder("closeThenSend", jobRepository).start(new StepBuilder("sendAfterClose",
                jobRepository).tasklet(new SendAfterClose(true, "2026-Q1", "ru", runs, deliveries, catalog, mailer,
                dataSource), transactionManager).build()).build();
        JobExecution failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "delivery", "NEW.distributor_code = 'D3'")) {
            failed = jobOperator.start(closeThenSend, new JobParametersBuilder().addLong("test", 1L)
                    .toJobParameters());
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com");

        // the same parameters again: the failed instance restarts (a test job is in no registry for restart(ID))
        completed(jobOperator.start(closeThenSend, failed.getJobParameters()));

        assertThat(SMTP.received()).extracting(Received::to).containsExactly("d1@example.com", "d3@example.com",
                "d9@example.com", FINANCE);
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || period FROM delivery_run",
                String.class)).containsExactly("close JOB 2026-Q1");
        assertThat(SMTP.receivedBy(FINANCE).get(0).subject()).endsWith("отправлено 3, не доставлено 0");
    }

    @Test
    void withTheSettingTheCloseJobItselfEndsBySendingTheQuartersStatements() throws Exception {
        books.invoice("D1", "2026-05-10", "LAPTOPS", "2000.00", "EUR");
        System.setProperty("period-close.send-after-close", "true");
        try {
            close("2026-Q2", "2026-07-02", false);
        } finally {
            System.clearProperty("period-close.send-after-close");
        }

        Map<String, String> manifest = manifest("2026-Q2");
        assertThat(SMTP.received()).extracting(Received::to).containsExactlyInAnyOrder("d1@example.com",
                "d3@example.com", "d9@example.com", FINANCE);
        byte[] pdf = SMTP.receivedBy("d1@example.com").get(0).attachments().get("D1.pdf");
        assertThat(StatementFiles.sha256(pdf)).isEqualTo(manifest.get("D1"));
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || period FROM delivery_run",
                String.class)).containsExactly("close JOB 2026-Q2");
    }

    @Test
    void withoutTheSettingTheCloseSendsNothing() throws Exception {
        Long closeRun = jdbc.queryForObject("SELECT id FROM close_run WHERE period = '2026-Q1'", Long.class);
        JobExecution execution = jobOperator.start(new JobBuilder("closeThenNothing", jobRepository)
                .start(sendAfterClose).build(), new JobParametersBuilder()
                .addLong(CloseJobParameters.CLOSE_RUN, closeRun).toJobParameters());

        completed(execution);
        assertThat(execution.getStepExecutions()).singleElement()
                .extracting(s -> s.getExitStatus().getExitDescription()).asString()
                .startsWith("period-close.send-after-close is not set");
        assertThat(SMTP.received()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery_run", Integer.class)).isZero();
    }

    @Test
    void aPeriodWithoutStatementsIsRefusedABadPeriodIsBadUsageAndBothAreAudited() {
        assertThatThrownBy(() -> sends.send(ANNA, "2026-Q2", "ru")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("no statement of 2026-Q2");
        assertThatThrownBy(() -> sends.send(ANNA, "2026-Q5", "ru")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a period");
        assertThat(jdbc.queryForList("SELECT outcome || ' ' || action FROM audit_event", String.class))
                .containsExactly("REFUSED SEND", "REFUSED SEND");
    }

    private DeliveryService.Launched send(String language) {
        DeliveryService.Launched launched = sends.send(ANNA, "2026-Q1", language);
        completed(launched.execution());
        return launched;
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private void close(String period, String asOf, boolean reclose) {
        completed(closes.close(Quarter.parse(period), LocalDate.parse(asOf), reclose));
    }

    /** code → sha256 of the period's manifest.csv. */
    private static Map<String, String> manifest(String period) throws Exception {
        return Files.readAllLines(STATEMENTS.resolve(period).resolve("manifest.csv")).stream().skip(1)
                .map(line -> line.split(",")).collect(Collectors.toMap(f -> f[0], f -> f[2]));
    }
}
