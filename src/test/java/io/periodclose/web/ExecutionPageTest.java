package io.periodclose.web;

import io.periodclose.partition.WorkerIdentity;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What an execution's page and its JSON in the API say about a real close, on real PostgreSQL. */
@WebTest
class ExecutionPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).goldAndSilverInvoicedIn2025Q1();
    }

    @Test
    void everyPartitionNamesTheWorkerThatRanIt() throws Exception {
        JobExecution close = closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
        assertThat(close.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        int partitions = jdbc.queryForObject("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = ?"
                + " AND step_name LIKE '%:partition%'", Integer.class, close.getId());
        assertThat(partitions).isPositive();

        String page = mvc.perform(get("/executions/" + close.getId()).with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("<td class=\"worker\">" + Pattern.quote(WorkerIdentity.current()) + "</td>")
                .matcher(page).results().count()).as("one worker cell per partition").isEqualTo(partitions);

        mvc.perform(get("/api/executions/" + close.getId()).with(httpBasic("fin", "fin-password-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[?(@.partition == true)].worker", hasSize(partitions)))
                .andExpect(jsonPath("$.steps[?(@.partition == true)].worker", everyItem(is(WorkerIdentity.current()))))
                .andExpect(jsonPath("$.steps[?(@.partition == false)].worker", everyItem(nullValue())));
    }
}
