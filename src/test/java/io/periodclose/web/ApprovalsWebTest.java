package io.periodclose.web;

import io.periodclose.approval.ApprovalPolicy;
import io.periodclose.approval.CloseApprovalTest;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.reporting.CsvReports;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Approvals page (SPEC §9) on PostgreSQL with {@code period-close.approval=required}, on CloseApprovalTest's
 * books. 2026-Q1, closed without approval: D1 GOLD 150.00 EUR, D2 SILVER 1000 JPY, D3 BRONZE 40.00 EUR. 2026-Q2,
 * launched by ops, awaiting approval: D1 20,000.00 EUR × 1.5 % = 300.00, D2 50,000 JPY × 1 % = 500, D3 2,000.00 EUR
 * × 0.5 % = 10.00; totals EUR 310.00 (+120.00 against Q1), JPY 500 (−500).
 */
@WebTest
class ApprovalsWebTest {

    private static final RequestPostProcessor FIN = user("fin").roles("FINANCE");
    private static final RequestPostProcessor OPS = user("ops").roles("OPERATOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    CsvReports reports;

    @BeforeEach
    void firstQuarterClosed() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
        CloseApprovalTest.books(jdbc);
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false, "ops").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @AfterEach
    void noApproval() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
    }

    @Test
    void financeSeesTheFiguresAgainstThePreviousQuarterDownloadsTheCsvAndApprovesOnceTheLauncherIsRefused()
            throws Exception {
        new Fixtures(jdbc)
                .invoice("Q2-1", "D1", "2026-05-10", "20000.00", "EUR", "2026-06-10")
                .invoice("Q2-2", "D2", "2026-04-20", "50000", "JPY", "2026-05-20")
                .invoice("Q2-3", "D3", "2026-06-01", "2000.00", "EUR", "2026-07-01");
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        assertThat(closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2026-07-02"), false, "ops").getStatus())
                .isEqualTo(BatchStatus.STOPPED);
        long approval = jdbc.queryForObject("SELECT id FROM approval", Long.class);
        long closeRun = jdbc.queryForObject("SELECT close_run_id FROM approval", Long.class);

        String page = html(mvc.perform(get("/approvals").with(FIN)).andReturn());

        assertThat(page).contains("id=\"approval-" + approval + "\"", "Close of 2026-Q2", "launched by <strong>ops",
                "href=\"/approvals/" + approval + "/approve\"", "href=\"/approvals/" + approval + "/reject\"",
                "href=\"/approvals/" + approval + "/rebates.csv\"", ">Approvals</a>")
                .doesNotContain("Nothing awaits approval", "previous-close", "<script");
        assertThat(rows(page, "totals")).as("the totals against 2026-Q1").containsExactly(
                List.of("EUR", "310.00", "190.00", "+120.00"),
                List.of("JPY", "500", "1,000", "-500"));
        assertThat(page).contains("2026-Q1 (close run ");
        assertThat(rows(page, "largest-changes")).containsExactly(
                List.of("D1", "EUR", "150.00", "300.00", "+150.00"),
                List.of("D3", "EUR", "40.00", "10.00", "-30.00"),
                List.of("D2", "JPY", "1,000", "500", "-500"));
        assertThat(rows(page, "largest-rebates")).containsExactly(
                List.of("D1", "EUR", "20,000.00", "300.00"),
                List.of("D3", "EUR", "2,000.00", "10.00"),
                List.of("D2", "JPY", "50,000", "500"));
        // the figures are the reports': the previous quarter's column sums the rebates report of 2026-Q1
        StringBuilder q1 = new StringBuilder();
        reports.rebates(Quarter.parse("2026-Q1"), q1);
        assertThat(totalsOfCsv(q1.toString())).isEqualTo(Map.of("EUR", new BigDecimal("190.00"),
                "JPY", new BigDecimal("1000")));

        MockHttpServletResponse csv = mvc.perform(get("/approvals/" + approval + "/rebates.csv").with(FIN))
                .andReturn().getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment")
                .contains("rebates-2026-Q2-run-" + closeRun + ".csv");
        String downloaded = csv.getContentAsString();
        assertThat(downloaded).startsWith("distributor_code,currency,turnover,target,base,attainment,growth,promo,"
                + "early_payment,top_performer,uncapped,total\n").contains("D1,EUR,20000.00,").contains(",300.00\n");
        assertThat(totalsOfCsv(downloaded)).isEqualTo(Map.of("EUR", new BigDecimal("310.00"),
                "JPY", new BigDecimal("500")));

        // the launcher may not approve: the service's refusal is shown
        MvcResult refused = mvc.perform(post("/approvals/" + approval + "/approve").with(OPS).with(csrf()))
                .andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/approvals");
        assertThat(refused.getFlashMap().get("refusal")).isEqualTo("ops launched the close of 2026-Q2 and cannot"
                + " approve it: someone else must (four eyes)");

        String confirm = html(mvc.perform(get("/approvals/" + approval + "/approve").with(FIN)).andReturn());
        assertThat(confirm).contains("Approve the close of 2026-Q2?", "action=\"/approvals/" + approval + "/approve\"",
                "name=\"_csrf\"", "id=\"confirm\"");
        assertThat(rows(confirm, "totals")).hasSize(2);
        assertThat(mvc.perform(post("/approvals/" + approval + "/approve").with(FIN)).andReturn().getResponse()
                .getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE period = '2026-Q2'", Long.class))
                .isZero();

        MvcResult approved = mvc.perform(post("/approvals/" + approval + "/approve").with(FIN).with(csrf()))
                .andReturn();

        long continued = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(approved.getResponse().getRedirectedUrl()).isEqualTo("/executions/" + continued);
        assertThat(approved.getFlashMap().get("message")).isEqualTo("Approved: the close of 2026-Q2 continues as"
                + " execution " + continued + ", which posts.");
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, continued)).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || amount FROM ledger_entry"
                + " WHERE period = '2026-Q2' ORDER BY 1", String.class)).containsExactly(
                "ACCRUAL:D1:2026-Q2 300.0000", "ACCRUAL:D2:2026-Q2 500.0000", "ACCRUAL:D3:2026-Q2 10.0000");
        assertLedgerSound(jdbc);
        assertThat(jdbc.queryForObject("SELECT status || ' ' || decided_by FROM approval", String.class))
                .isEqualTo("APPROVED fin");
        StringBuilder q2 = new StringBuilder();
        reports.rebates(Quarter.parse("2026-Q2"), q2);
        assertThat(downloaded).as("the download is the rebates report of the run").isEqualTo(q2.toString());
        assertThat(jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, outcome) FROM audit_event"
                + " WHERE action IN ('APPROVE', 'REJECT', 'CONTINUE') ORDER BY id", String.class)).containsExactly(
                "ops WEB APPROVE REFUSED", "fin WEB APPROVE DONE", "fin WEB CONTINUE DONE");
        assertThat(html(mvc.perform(get("/approvals").with(FIN)).andReturn())).contains("Nothing awaits approval");
    }

    @Test
    void aReCloseIsComparedWithTheQuartersLastCloseAndARejectionNeedsAReason() throws Exception {
        // 1,000.00 more for D1 in 2026-Q1: 1.5 % of 11,000.00 = 165.00, +15.00 against the close
        new Fixtures(jdbc).invoice("LATE1", "D1", "2026-03-10", "1000.00", "EUR", "2026-04-30");
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-05-02"), true, "ops").getStatus())
                .isEqualTo(BatchStatus.STOPPED);
        long approval = jdbc.queryForObject("SELECT id FROM approval", Long.class);
        long firstRun = jdbc.queryForObject("SELECT id FROM close_run WHERE sequence = 0", Long.class);

        String page = html(mvc.perform(get("/approvals").with(FIN)).andReturn());

        assertThat(page).contains("Re-close of 2026-Q1", "the last close of 2026-Q1 (close run " + firstRun + ")")
                .doesNotContain("previous-period");
        assertThat(rows(page, "totals")).as("nothing closed in 2025-Q4: the last close only").containsExactly(
                List.of("EUR", "205.00", "190.00", "+15.00"),
                List.of("JPY", "1,000", "1,000", "0"));
        assertThat(rows(page, "largest-changes")).containsExactly(List.of("D1", "EUR", "150.00", "165.00", "+15.00"));
        assertThat(rows(page, "largest-rebates")).containsExactly(
                List.of("D1", "EUR", "11,000.00", "165.00"),
                List.of("D3", "EUR", "7,999.99", "40.00"),
                List.of("D2", "JPY", "100,001", "1,000"));

        String confirm = html(mvc.perform(get("/approvals/" + approval + "/reject").with(FIN)).andReturn());
        assertThat(confirm).contains("Reject the re-close of 2026-Q1?", "<textarea name=\"reason\"", "name=\"_csrf\"");
        MvcResult noReason = mvc.perform(post("/approvals/" + approval + "/reject").param("reason", " ")
                .with(FIN).with(csrf())).andReturn();
        assertThat(noReason.getFlashMap().get("refusal")).asString().startsWith("a rejection needs a reason");

        MvcResult rejected = mvc.perform(post("/approvals/" + approval + "/reject")
                .param("reason", "LATE1 belongs to 2026-Q2").with(FIN).with(csrf())).andReturn();

        assertThat(rejected.getResponse().getRedirectedUrl()).isEqualTo("/approvals");
        assertThat(rejected.getFlashMap().get("message")).isEqualTo("Rejected: the close of 2026-Q1 is abandoned"
                + " with nothing posted; 2026-Q1 can be run again.");
        assertThat(jdbc.queryForObject("SELECT concat_ws(' ', status, decided_by, reason) FROM approval",
                String.class)).isEqualTo("REJECTED fin LATE1 belongs to 2026-Q2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'",
                Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, outcome) FROM audit_event"
                + " WHERE action IN ('APPROVE', 'REJECT', 'CONTINUE') ORDER BY id", String.class))
                .containsExactly("fin WEB REJECT REFUSED", "fin WEB REJECT DONE");
        assertThat(html(mvc.perform(get("/approvals").with(FIN)).andReturn())).contains("Nothing awaits approval");
        assertThat(mvc.perform(get("/approvals/" + (approval + 1000) + "/approve").with(FIN)).andReturn()
                .getResponse().getStatus()).as("no such approval").isEqualTo(404);
    }

    private static String html(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The cells' texts of each body row of the tables with this class, in order. */
    static List<List<String>> rows(String html, String tableClass) {
        List<List<String>> rows = new ArrayList<>();
        Matcher table = Pattern.compile("<table class=\"[^\"]*\\b" + tableClass + "\\b[^\"]*\">(.*?)</table>",
                Pattern.DOTALL).matcher(html);
        while (table.find()) {
            String body = table.group(1).substring(table.group(1).indexOf("<tbody>"));
            Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
            while (row.find()) {
                List<String> cells = new ArrayList<>();
                Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
                while (cell.find()) {
                    cells.add(cell.group(1).replaceAll("<[^>]+>", "").strip());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The sum of the total column per currency of a rebates CSV. */
    private static Map<String, BigDecimal> totalsOfCsv(String csv) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (String line : csv.lines().skip(1).toList()) {
            String[] cells = line.split(",", -1);
            if (!cells[11].isEmpty()) {
                totals.merge(cells[1], new BigDecimal(cells[11]), BigDecimal::add);
            }
        }
        return totals;
    }
}
