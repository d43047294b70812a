package io.periodclose.web;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.approval.ApprovalPolicy;
import io.periodclose.partition.WorkerIdentity;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.portal.QuarterEstimates;
import io.periodclose.program.ProgramLoader;
import io.periodclose.statement.StatementFiles;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.Fixtures;
import io.periodclose.support.InjectedFailure;
import io.periodclose.support.TestDatabaseExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.periodclose.support.JobExecutions.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin interface in a real headless Chromium (the system's chromium and chromedriver, never a download): sign
 * in, find a failed close, restart it, watch it complete, download a statement; a second user approves a close that
 * waits for approval, simulates a draft programme and reads the dashboard. Jobs run on their own threads, as in
 * serve, with the clustered scheduler running; a schedule is paused from its page. Skipped where no Chromium is
 * installed, unless PERIOD_CLOSE_E2E=required (CI installs it).
 * A distributor's contact signs up by invitation and uses the portal. The dashboard is read in Russian and in English
 * through the header's switch. With -Dscreenshots=DIR the pages are saved as PNG there (the README's pictures).
 */
@ExtendWith(TestDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "period-close.close-chunk-size=20", "period-close.out=target/test-out-e2e", "period-close.grid-size=2",
        "period-close.async-jobs=true",
        "period-close.scheduler.enabled=true"})
// a context with a running scheduler is not shared: Quartz keeps one registry per scheduler name in the JVM
@org.springframework.test.annotation.DirtiesContext
class AdminInterfaceEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A copy of the test users: an invitation accepted adds a user to it. */
    private static final Path USERS;
    /**
     * A copy of the test programmes, where the year of today's open quarter (and of the one before) has the rules of
     * the 2026 test programme, so the portal's estimate is hand-computed the same in any year the test runs.
     */
    private static final Path PROGRAMS;

    static {
        try {
            Path home = Files.createTempDirectory("period-close-e2e");
            USERS = home.resolve("users.yml");
            Files.copy(Path.of("src/test/resources/users.yml"), USERS);
            PROGRAMS = Files.createDirectory(home.resolve("programs"));
            try (var files = Files.list(Path.of("src/test/resources/programs"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, PROGRAMS.resolve(file.getFileName()));
                }
            }
            String rules = Files.readString(Path.of("src/test/resources/programs/2026.yml"));
            Quarter open = Quarter.of(LocalDate.now());
            for (int year : new int[] {open.year(), open.previous().year()}) {
                Files.writeString(ProgramLoader.fileFor(PROGRAMS, year), rules.replace("2026", Integer.toString(year)));
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        registry.add("period-close.users-file", USERS::toString);
        registry.add("period-close.programs", PROGRAMS::toString);
    }

    @TempDir
    static Path downloads;
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    QuarterEstimates estimates;
    @Autowired
    PeriodCloseProperties properties;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("PERIOD_CLOSE_E2E"))) {
            throw new IllegalStateException("PERIOD_CLOSE_E2E=required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "no Chromium here (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Each test signs in as its own user. */
    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    /**
     * 2025-Q4 closed: D1 GOLD 8,000.00 EUR × 1.5 % = 120.00, D2 SILVER 20,000.00 × 1 % = 200.00. 2026-Q1, launched
     * by ops with approval required: D1 10,000.00 × 1.5 % = 150.00, D2 20,000.00 × 1 % = 200.00, EUR 350.00 (+30.00).
     */
    @Test
    void financeApprovesAWaitingCloseSimulatesADraftAndReadsTheDashboard() throws Exception {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "EUR")
                .invoice("D1", "2025-11-10", "LAPTOPS", "8000.00", "EUR")
                .invoice("D2", "2025-12-01", "LAPTOPS", "20000.00", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-03-02", "LAPTOPS", "20000.00", "EUR");
        long q4 = awaitEnd(closes.close(Quarter.parse("2025-Q4"), LocalDate.parse("2026-01-05"), false, "ops").getId());
        assertThat(status(jdbc, q4)).isEqualTo("COMPLETED");
        long stopped;
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        try {
            stopped = awaitEnd(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-05"), false, "ops")
                    .getId());
        } finally {
            System.clearProperty(ApprovalPolicy.PROPERTY);
        }
        // serve's listeners store the execution as they end it, AWAITING_APPROVAL last: wait for the final row
        String ended = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < deadline
                && !ended.equals("STOPPED AWAITING_APPROVAL"); Thread.sleep(100)) {
            ended = jdbc.queryForObject("SELECT status || ' ' || exit_code FROM batch_job_execution"
                    + " WHERE job_execution_id = ?", String.class, stopped);
        }
        assertThat(ended).isEqualTo("STOPPED AWAITING_APPROVAL");

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys("fin");
        browser.findElement(By.name("password")).sendKeys("fin-password-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("latest-close")));
        browser.findElement(By.linkText("Approvals")).click();

        var approval = browser.findElement(By.cssSelector("section.approval[data-period='2026-Q1']"));
        assertThat(approval.getText()).contains("Close of 2026-Q1", "launched by ops");
        assertThat(approval.findElement(By.cssSelector("table.totals tr[data-currency='EUR']")).getText())
                .isEqualTo("EUR 350.00 320.00 +30.00");
        assertThat(approval.findElement(By.cssSelector("table.largest-changes")).getText())
                .contains("D1 EUR 120.00 150.00 +30.00");
        screenshot("approvals");
        approval.findElement(By.linkText("Approve…")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Approve the close of 2026-Q1?");
        screenshot("confirm-approval");
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.urlMatches("/executions/\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("status"),
                "COMPLETED"));
        assertThat(browser.getPageSource()).contains("approved by fin");
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || amount FROM ledger_entry"
                + " WHERE period = '2026-Q1' ORDER BY 1", String.class))
                .containsExactly("ACCRUAL:D1:2026-Q1 150.0000", "ACCRUAL:D2:2026-Q1 200.0000");

        // a draft with GOLD at 2 %: D1 10,000.00 × 2 % = 200.00 instead of 150.00
        Path draft = downloads.resolve("draft-2026.yml");
        Files.writeString(draft, Files.readString(Path.of("src/test/resources/programs/2026.yml"))
                .replace("program: MB-2026", "program: MB-2026-DRAFT").replace("GOLD: 1.5", "GOLD: 2.0"));
        browser.findElement(By.linkText("Simulations")).click();
        var period = browser.findElement(By.name("period"));
        period.clear();
        period.sendKeys("2026-Q1");
        browser.findElement(By.name("program")).sendKeys(draft.toString());
        browser.findElement(By.id("simulate")).click();
        wait.until(ExpectedConditions.urlMatches("/simulations/\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.id("totals")).isEmpty();
        });
        assertThat(browser.findElement(By.id("totals")).getText()).contains("EUR", "350.00", "400.00", "50.00");
        assertThat(browser.findElement(By.id("chart")).getSize().getHeight()).as("the chart is drawn")
                .isGreaterThan(50);
        screenshot("simulation");

        browser.findElement(By.linkText("Dashboard")).click();
        wait.until(ExpectedConditions.textToBe(By.id("latest-quarter"), "2026-Q1"));
        assertThat(browser.findElement(By.id("fund-EUR")).getText()).contains("670.00");
        chartsAreDrawn();

        // the header's switch: the dashboard in Russian, its charts' words and its amounts too, for the session
        browser.findElement(By.id("lang-ru")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Сводка"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(browser.findElement(By.id("fund-EUR")).getText()).contains("670,00");
        assertThat(browser.findElement(By.id("fund-chart")).getAttribute("innerHTML")).contains(">начислено</text>");
        chartsAreDrawn();
        screenshot("dashboard-ru");
        browser.findElement(By.linkText("Утверждение")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Утверждение"));
        browser.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Approvals"));
        browser.findElement(By.linkText("Dashboard")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        assertThat(browser.findElement(By.id("fund-chart")).getAttribute("innerHTML")).contains(">accrued</text>");
        chartsAreDrawn();
        screenshot("dashboard");

        assertThat(jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, outcome) FROM audit_event"
                + " ORDER BY id", String.class)).containsExactly("fin WEB APPROVE DONE", "fin WEB CONTINUE DONE",
                "fin WEB SIMULATE DONE");
    }

    @Test
    void anAdminRestartsAFailedCloseAndDownloadsAStatement() throws Exception {
        Books.wipe(jdbc);
        new Fixtures(jdbc).goldAndSilverInvoicedIn2025Q1();
        long failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "rebate", "NEW.distributor_code = 'D2'")) {
            failed = awaitEnd(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false).getId());
        }
        assertThat(status(jdbc, failed)).isEqualTo("FAILED");

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(url("/executions"));
        assertThat(browser.getCurrentUrl()).as("anonymous: the login page only").endsWith("/login");
        screenshot("login");
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys("admin-password-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("/executions"));
        var row = browser.findElement(By.cssSelector("#executions tr[data-id='" + failed + "']"));
        assertThat(row.getText()).contains("close", "2025-Q1", "FAILED");
        screenshot("executions");
        row.findElement(By.linkText(Long.toString(failed))).click();

        wait.until(ExpectedConditions.textToBe(By.id("status"), "FAILED"));
        assertThat(browser.findElement(By.id("steps")).getText()).contains("calculateRebatesWorker:partition")
                .as("the worker that ran the partitions: this JVM").contains(WorkerIdentity.current());
        assertThat(browser.getPageSource()).as("the exit messages and stack traces").contains("Unable to process chunk");
        screenshot("execution-failed");
        browser.findElement(By.linkText("Restart…")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm")));
        screenshot("confirm-restart");
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.not(ExpectedConditions.urlToBe(url("/executions/" + failed + "/restart"))));
        // the page refreshes itself while the run goes on
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("status"), "COMPLETED"));
        String restartedUrl = browser.getCurrentUrl();
        long restarted = Long.parseLong(restartedUrl.substring(restartedUrl.lastIndexOf('/') + 1));
        assertThat(restarted).isGreaterThan(failed);
        assertThat(status(jdbc, restarted)).isEqualTo("COMPLETED");
        assertThat(browser.getPageSource()).contains("RESTART");
        screenshot("execution-completed");

        browser.get(url("/statements/2025-Q1"));
        assertThat(browser.findElement(By.id("statements")).getText()).contains("D1", "D1.pdf", "D2.pdf");
        screenshot("statements");
        browser.findElement(By.linkText("D1.pdf")).click();
        Path pdf = downloads.resolve("D1.pdf");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> Files.isRegularFile(pdf));
        try (var document = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(pdf))) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("ООО «D1»");
        }

        browser.get(url("/distributors/D1"));
        assertThat(browser.findElement(By.id("balance-history")).getText()).contains("ACCRUAL");
        screenshot("distributor");

        browser.get(url("/schedules"));
        var schedule = browser.findElement(By.cssSelector("#schedules tr[data-name='quarter-close']"));
        assertThat(schedule.getText()).contains("NORMAL", "Europe/Moscow");
        screenshot("schedules");
        schedule.findElement(By.xpath(".//button[text()='Pause']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#schedules tr[data-name='quarter-close']"), "PAUSED"));

        assertThat(jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, outcome) FROM audit_event"
                + " ORDER BY id", String.class)).containsExactly("admin WEB RESTART DONE", "admin WEB DOWNLOAD DONE",
                "admin WEB SCHEDULE_PAUSE DONE");
    }

    /**
     * The quarter before today's is closed: D1 GOLD 10,000.00 EUR × 1.5 % = 150.00 accrued on the first day of the
     * open quarter, its statement written; D2 SILVER 20,000.00 × 1 % = 200.00. In the open quarter D1 has sold
     * 12,000.00 against a target of 15,000.00: 80.00 %, the 80 % rung; base 12,000.00 × 1.5 % = 180.00, attainment
     * 12,000.00 × 2 % = 240.00, so 420.00 if it closed today (the 5 % cap, 600.00, not reached); the 100 % rung
     * needs 3,000.00 more.
     */
    @Test
    void aDistributorSignsUpByInvitationReadsItsProgressAndDownloadsItsStatement() throws Exception {
        Quarter open = Quarter.of(LocalDate.now());
        Quarter closed = open.previous();
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "EUR")
                .invoice("D1", closed.firstDay().plusDays(9).toString(), "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", closed.firstDay().plusDays(9).toString(), "LAPTOPS", "20000.00", "EUR")
                .invoice("D1", open.firstDay().toString(), "LAPTOPS", "12000.00", "EUR")
                .invoice("D2", open.firstDay().toString(), "LAPTOPS", "5000.00", "EUR")
                .target("D1", open.toString(), "15000.00");
        long close = awaitEnd(closes.close(closed, closed.dayAfter(), false, "ops").getId());
        assertThat(status(jdbc, close)).isEqualTo("COMPLETED");
        // the page's figures are the calculator's, as a close launched today would compute them
        assertThat(estimates.estimate("D1", open).orElseThrow().calculation().total()).isEqualByComparingTo("420.00");

        CommandLineRun invited = CommandLineRun.of("users", "--users", USERS.toString(), "invite", "--distributor",
                "D1", "--url", url("/"));
        assertThat(invited.exitCode()).as(invited.err()).isZero();
        String link = invited.out().strip();
        assertThat(link).startsWith(url("/portal/invitation/"));

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(link);
        // the browser asks for English (--lang=en-US)
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Invitation to the portal");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("D1");
        browser.findElement(By.name("name")).sendKeys("olga");
        browser.findElement(By.name("password")).sendKeys("olga-password-1");
        browser.findElement(By.name("again")).sendKeys("olga-password-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?invited"));
        browser.findElement(By.name("username")).sendKeys("olga");
        browser.findElement(By.name("password")).sendKeys("olga-password-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.urlToBe(url("/portal")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ООО «D1»");
        assertThat(browser.findElement(By.id("balance")).getText()).isEqualTo("150.00 EUR");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The quarter so far " + open)
                .doesNotContain("D2");
        assertThat(browser.findElement(By.id("estimate")).getText())
                .startsWith("An estimate, not an accrual: the bonus if the quarter closed today");
        assertThat(browser.findElement(By.id("turnover")).getText()).isEqualTo("12000.00");
        assertThat(browser.findElement(By.id("target")).getText()).isEqualTo("15000.00");
        assertThat(browser.findElement(By.id("attainment")).getText()).isEqualTo("80.00 %");
        assertThat(browser.findElement(By.id("next-rung")).getText())
                .isEqualTo("100 %: 3000.00 EUR more turnover needed");
        assertThat(browser.findElement(By.id("progress")).getText()).contains("Base rate 180.00",
                "Target attainment 240.00");
        assertThat(browser.findElement(By.id("bonus")).getText()).isEqualTo("420.00 EUR");
        screenshot("portal");

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("language"), "English"));
        assertThat(browser.findElement(By.id("estimate")).getText())
                .startsWith("Оценка, а не начисление: премия, если бы квартал закрылся сегодня");
        assertThat(browser.findElement(By.id("bonus")).getText()).isEqualTo("420.00 EUR");

        // the language chosen stays for the session
        browser.findElement(By.linkText("Выписки")).click();
        wait.until(ExpectedConditions.urlToBe(url("/portal/statements")));
        // the first close's statement (version 0); the bonus is booked on the day after the quarter, so the
        // balance at its end is 0.00
        assertThat(browser.findElement(By.id("statements")).getText())
                .isEqualTo("Период Версия Остаток на конец Файл\n" + closed + " 0 0.00 D1.pdf");
        screenshot("portal-statements");

        Path pdf = downloads.resolve("D1.pdf");
        Files.deleteIfExists(pdf);
        browser.findElement(By.linkText("D1.pdf")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> Files.isRegularFile(pdf)
                && !Files.exists(downloads.resolve("D1.pdf.crdownload")));
        byte[] written = Files.readAllBytes(StatementFiles.file(
                StatementFiles.directory(properties.out(), closed.toString()), "D1.pdf"));
        assertThat(Files.readAllBytes(pdf)).isEqualTo(written);
        assertThat(StatementFiles.sha256(Files.readAllBytes(pdf))).isEqualTo(jdbc.queryForObject(
                "SELECT sha256 FROM statement WHERE period = ? AND distributor_code = 'D1'", String.class,
                closed.toString()));

        // D2's statement is written, but not D1's to have
        String other = "/portal/statements/" + closed + "/D2.pdf";
        assertThat(jdbc.queryForObject("SELECT file FROM statement WHERE period = ? AND distributor_code = 'D2'",
                String.class, closed.toString())).isEqualTo("D2.pdf");
        browser.get(url(other));
        assertThat(browser.findElement(By.id("problem")).getText())
                .isEqualTo("Такой страницы, выписки или заявки у вашей компании нет.");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(other)))
                .header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("%PDF");

        assertThat(jdbc.queryForList("SELECT concat_ws(' ', username, action, target, outcome) FROM audit_event"
                + " ORDER BY id", String.class)).containsExactly("olga INVITATION_ACCEPTED portal of D1 DONE",
                "olga PORTAL_VIEW /portal DONE", "olga PORTAL_VIEW /portal?lang=ru DONE",
                "olga PORTAL_VIEW /portal/statements DONE", "olga DOWNLOAD " + closed + "/D1.pdf DONE",
                "olga PORTAL_VIEW " + other + " REFUSED", "olga PORTAL_VIEW " + other + " REFUSED");
    }

    /** The dashboard's two charts, SVG in the page, drawn with some height. */
    private static void chartsAreDrawn() {
        for (String chart : new String[] {"fund-chart", "rung-chart"}) {
            var svg = browser.findElements(By.cssSelector("#" + chart + " svg"));
            assertThat(svg).as(chart).hasSize(1);
            assertThat(svg.get(0).getSize().getHeight()).as(chart + " is drawn").isGreaterThan(50);
        }
    }

    private long awaitEnd(long executionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // the end time is written with the final status and exit code (AWAITING_APPROVAL is set by a listener just
        // before), so waiting for it never reads a status the job is still passing through
        while (jdbc.queryForObject("SELECT end_time IS NULL FROM batch_job_execution WHERE job_execution_id = ?",
                Boolean.class, executionId) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return executionId;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(String name) throws Exception {
        String directory = System.getProperty("screenshots");
        if (directory == null) {
            return;
        }
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of(directory));
        Files.copy(png.toPath(), Path.of(directory, "serve-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
