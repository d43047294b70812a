package io.periodclose.web;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.simulation.SimulationFixtures;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/** A FINANCE user simulates a draft in serve: the comparison, its SVG chart, the CSV, the audit trail. */
@WebTest
class SimulationsWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void closedQuarter() {
        Books.wipe(jdbc);
        Fixtures books = SimulationFixtures.books(jdbc);
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        SimulationFixtures.quarterOf2027(books);
        assertThat(closes.close(Quarter.parse("2027-Q1"), LocalDate.parse("2027-04-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void financeUploadsADraftSeesTheComparisonAndDownloadsTheCsv() throws Exception {
        Map<String, String> before = SimulationFixtures.fingerprint(jdbc);
        byte[] draft = Files.readAllBytes(SimulationFixtures.draftWithGoldAt2(
                Path.of("target/test-out/simulations-web/gold")).resolve("2027.yml"));

        MockHttpServletResponse posted = mvc.perform(upload(draft).with(user("fin").roles("FINANCE")).with(csrf()))
                .andReturn().getResponse();

        assertThat(posted.getStatus()).isEqualTo(302);
        String page = posted.getRedirectedUrl();
        assertThat(page).matches("/simulations/\\d+");
        String html = mvc.perform(get(page).with(user("fin").roles("FINANCE"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("MB-2027-DRAFT", "the close of", "COMPLETED", "2,564.99", "2,869.98", "304.99",
                "src=\"" + page + "/chart.svg\"", "href=\"" + page + "/simulation.csv\"").doesNotContain("<script");

        MockHttpServletResponse chart = mvc.perform(get(page + "/chart.svg").with(user("fin").roles("FINANCE")))
                .andReturn().getResponse();
        assertThat(chart.getContentType()).startsWith("image/svg+xml");
        assertThat(chart.getHeader("Content-Security-Policy")).contains("script-src 'self'");
        // GOLD's five totals: 1,504.99 in force, 1,809.98 with the draft (the page's English)
        assertThat(chart.getContentAsString()).startsWith("<svg").contains(">GOLD</text>", ">1,504.99</text>",
                ">1,809.98</text>", ">attainment 80%</text>").doesNotContain("<script", "style=");
        String russian = mvc.perform(get(page + "/chart.svg").header("Accept-Language", "ru")
                .with(user("fin").roles("FINANCE"))).andReturn().getResponse().getContentAsString();
        assertThat(russian).contains(">GOLD</text>", ">1\u00a0809,98</text>", ">выполнение плана 80%</text>")
                .doesNotContain("attainment");

        MockHttpServletResponse csv = mvc.perform(get(page + "/simulation.csv").with(user("fin").roles("FINANCE")))
                .andReturn().getResponse();
        assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment").contains("2027-Q1.csv");
        assertThat(csv.getContentAsString()).startsWith("""
                distributor_code,currency,turnover,current_total,simulated_total,difference
                A1,EUR,12000.00,325.00,385.00,60.00
                """).contains("A5,EUR,10999.00,164.99,219.98,54.99\n", "C1,EUR,20000.00,1000.00,1000.00,0.00\n");

        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || action || ' ' || outcome"
                + " FROM audit_event", String.class)).containsExactly("fin WEB SIMULATE DONE");
        assertThat(SimulationFixtures.fingerprint(jdbc)).isEqualTo(before);
        assertThat(mvc.perform(get("/simulations").with(user("fin").roles("FINANCE"))).andReturn().getResponse()
                .getContentAsString()).contains("MB-2027-DRAFT", "enctype=\"multipart/form-data\"", "_csrf");
    }

    @Test
    void aBadDraftIsRefusedWithFileKeyAndProblemAndAudited() throws Exception {
        byte[] bad = Files.readAllBytes(SimulationFixtures.draft(Path.of("target/test-out/simulations-web/bad"),
                "cap: 5.0", "cap: 150").resolve("2027.yml"));

        var posted = mvc.perform(upload(bad).with(user("fin").roles("FINANCE")).with(csrf())).andReturn();

        assertThat(posted.getResponse().getStatus()).isEqualTo(302);
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/simulations");
        assertThat(posted.getFlashMap().get("refusal"))
                .isEqualTo("uploaded 2027.yml: cap: is 150; must be a percentage from 0 to 100");
        assertThat(jdbc.queryForList("SELECT outcome || ' ' || detail FROM audit_event", String.class))
                .containsExactly("REFUSED uploaded 2027.yml: cap: is 150; must be a percentage from 0 to 100");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation", Long.class)).isZero();
    }

    @Test
    void nobodyAndUsersWithoutARoleAreRefusedAndTheFormNeedsItsCsrfToken() throws Exception {
        byte[] draft = Files.readAllBytes(Path.of("src/test/resources/programs/2027.yml"));

        assertThat(mvc.perform(upload(draft).with(csrf())).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login");
        // FINANCE is the least role there is; a signed-in user without one of the three (a distributor's) is refused
        assertThat(mvc.perform(upload(draft).with(user("dist").roles("DISTRIBUTOR")).with(csrf())).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/simulations").with(user("dist").roles("DISTRIBUTOR"))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(upload(draft).with(user("fin").roles("FINANCE"))).andReturn().getResponse()
                .getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation", Long.class)).isZero();
    }

    private static MockMultipartHttpServletRequestBuilder upload(byte[] programme) {
        MockMultipartHttpServletRequestBuilder request = multipart("/simulations")
                .file(new MockMultipartFile("program", "2027.yml", "application/yaml", programme));
        request.param("period", "2027-Q1");
        return request;
    }
}
