package io.periodclose.web;

import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
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
    void theDistributorsAndStatementsPagesListThemForEveryRole() throws Exception {
        for (String role : new String[]{"FINANCE", "OPERATOR", "ADMIN"}) {
            mvc.perform(get("/distributors").with(user("u").roles(role)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("../2025-Q4/D000002")));
            mvc.perform(get("/statements/2025-Q4").with(user("u").roles(role)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("/tmp/x")));
            mvc.perform(get("/statements").with(user("u").roles(role))).andExpect(status().isOk());
        }
    }
}
