package io.periodclose.web;

import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Distributors imported before codes were restricted, with codes that are not safe as file names, and the statement
 * rows an earlier release wrote for them: the pages that list them still answer.
 */
@WebTest
class UnsafeLegacyCodesWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D000002", "GOLD", "RUB")
                .distributor("../2025-Q4/D000002", "GOLD", "RUB")
                .distributor("/tmp/x", "SILVER", "RUB")
                .distributor("=HYPERLINK(\"http://x\")", "SILVER", "RUB");
        for (String code : new String[]{"D000002", "../2025-Q4/D000002", "/tmp/x", "=HYPERLINK(\"http://x\")"}) {
            jdbc.update("""
                    INSERT INTO statement (period, distributor_code, version, file, sha256, closing_balance, currency,
                                           job_execution_id) VALUES ('2025-Q4', ?, 0, ?, repeat('0', 64), 0, 'RUB', 1)""",
                    code, code + ".pdf");
        }
    }

    @Test
    void aStatementFileChangedOnDiskIsRefusedLoggedAndAuditedNotServed() throws Exception {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(Path.of("target/test-out/statements/2026-Q1"));
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").invoice("D1", "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        JobExecution close = closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false);
        assertThat(close.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path pdf = Path.of("target/test-out/statements/2026-Q1/D1.pdf");
        byte[] written = Files.readAllBytes(pdf);

        mvc.perform(get("/statements/2026-Q1/files/D1.pdf").with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk()).andExpect(content().bytes(written));

        byte[] tampered = written.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(pdf, tampered);

        mvc.perform(get("/statements/2026-Q1/files/D1.pdf").with(user("fin").roles("FINANCE")))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("differs from the")));
        mvc.perform(get("/api/statements/2026-Q1/files/D1.pdf").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isConflict());
        assertThat(jdbc.queryForList("SELECT username || ' ' || outcome FROM audit_event WHERE action = 'DOWNLOAD'"
                + " ORDER BY id", String.class)).containsExactly("fin DONE", "fin REFUSED", "ops REFUSED");
    }

    @Test
    void aManifestProgrammeReportOrStatementReplacedByASymbolicLinkIsRefusedNotFollowed(@TempDir Path home)
            throws Exception {
        Path password = Files.writeString(home.resolve("db-password"), "s3cret-db-password").toAbsolutePath();
        jdbc.update("""
                INSERT INTO statement (period, distributor_code, version, file, sha256, closing_balance, currency,
                                       job_execution_id) VALUES ('2037-Q1', 'D000002', 0, 'D000002.pdf', ?, 0, 'RUB', 1)""",
                io.periodclose.statement.StatementFiles.sha256(Files.readAllBytes(password)));
        Path quarter = Files.createDirectories(Path.of("target/test-out/statements/2037-Q1"));
        Path year = Files.createDirectories(Path.of("target/test-out/statements/2037"));
        try {
            for (Path link : List.of(quarter.resolve("manifest.csv"), quarter.resolve("D000002.pdf"),
                    year.resolve("programme-report.pdf"))) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, password);
            }
            for (String path : List.of("/statements/2037-Q1/manifest.csv", "/api/statements/2037-Q1/manifest.csv",
                    "/statements/2037/programme-report.pdf", "/statements/2037-Q1/files/D000002.pdf",
                    "/api/statements/2037-Q1/files/D000002.pdf")) {
                MockHttpServletResponse response = mvc.perform(get(path).with(user("fin").roles("FINANCE")))
                        .andReturn().getResponse();
                assertThat(response.getStatus()).as(path).isEqualTo(409);
                assertThat(response.getContentAsString()).as(path).contains("is a symbolic link")
                        .doesNotContain("s3cret");
            }
            // and the period's page does not offer them
            mvc.perform(get("/statements/2037-Q1").with(user("fin").roles("FINANCE"))).andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("id=\"manifest\""))));
            assertThat(jdbc.queryForList("SELECT target || ' ' || outcome FROM audit_event WHERE action = 'DOWNLOAD'"
                    + " ORDER BY id", String.class)).containsExactly("2037/programme-report.pdf REFUSED",
                    "2037-Q1/D000002.pdf REFUSED", "2037-Q1/D000002.pdf REFUSED");
        } finally {
            FileSystemUtils.deleteRecursively(quarter);
            FileSystemUtils.deleteRecursively(year);
        }
    }

    @Test
    void theDistributorsAndStatementsPagesListThemForEveryRole() throws Exception {
        // the users file's users of each role: a session of a user it does not have ends at once
        for (String[] who : new String[][]{{"fin", "FINANCE"}, {"ops", "OPERATOR"}, {"admin", "ADMIN"}}) {
            var u = user(who[0]).roles(who[1]);
            mvc.perform(get("/distributors").with(u))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("../2025-Q4/D000002")));
            mvc.perform(get("/statements/2025-Q4").with(u))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("/tmp/x")));
            mvc.perform(get("/statements").with(u)).andExpect(status().isOk());
        }
        // a code that cannot be a path segment is linked through the query, and its page opens
        mvc.perform(get("/distributors").with(user("fin").roles("FINANCE")))
                .andExpect(content().string(containsString("href=\"/distributors?code=../2025-Q4/D000002\"")))
                .andExpect(content().string(containsString("href=\"/distributors/D000002\"")));
        mvc.perform(get("/distributors").param("code", "../2025-Q4/D000002").with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ООО «../2025-Q4/D000002»")));
        mvc.perform(get("/api/distributors").param("code", "/tmp/x").with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"code\":\"/tmp/x\"")));
    }
}
