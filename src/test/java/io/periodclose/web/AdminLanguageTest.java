package io.periodclose.web;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin interface in Russian and in English (web/AdminLocale): every page in the language of Accept-Language, the
 * header's switch remembered for the session, English without a choice; amounts and dates written for the language;
 * the API and the CSV downloads the same in both. D1 GOLD 100,000.00 RUB × 1.5 % = 1,500.00, D2 SILVER 50,000.00 ×
 * 2 % = 1,000.00, closed on 2025-04-05.
 */
@WebTest
class AdminLanguageTest {

    /** The no-break space Russian groups thousands with. */
    private static final String NBSP = "\u00a0";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    long close;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).goldAndSilverInvoicedIn2025Q1();
        JobExecution execution = closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        close = execution.getId();
    }

    /** Each page with a word of its own in each language. */
    private Map<String, List<String>> pages() {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("/", List.of("Бонусный фонд по валютам", "Bonus fund per currency"));
        pages.put("/executions", List.of("Запуски заданий", "Job executions"));
        pages.put("/executions/" + close, List.of("Шаги и разделы", "Steps and partitions"));
        pages.put("/executions/" + close + "/abandon", List.of("Прекратить запуск " + close + "?",
                "Abandon execution " + close + "?"));
        pages.put("/launch", List.of("Закрытие квартала", "Quarter close"));
        pages.put("/approvals", List.of("Утверждения ничего не ждёт.", "Nothing awaits approval."));
        pages.put("/schedules", List.of("Следующий запуск", "Next run"));
        pages.put("/statements", List.of("Последняя версия", "Latest version"));
        pages.put("/statements/2025-Q1", List.of("Остаток на конец", "Closing balance"));
        pages.put("/distributors", List.of("Код или название", "Code or name"));
        pages.put("/distributors/D1", List.of("История остатка", "Balance history"));
        pages.put("/simulations", List.of("Проект программы (YAML)", "Draft programme (YAML)"));
        pages.put("/audit", List.of("Журнал действий", "Audit trail"));
        pages.put("/distributors/NOPE", List.of("дистрибьютора NOPE нет", "there is no distributor NOPE"));
        return pages;
    }

    @Test
    void everyPageIsInTheLanguageOfAcceptLanguage() throws Exception {
        for (Map.Entry<String, List<String>> page : pages().entrySet()) {
            String ru = page(get(page.getKey()).header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8"));
            String en = page(get(page.getKey()).header("Accept-Language", "en-GB,en;q=0.9"));
            assertThat(ru).as(page.getKey() + " in Russian").contains("<html lang=\"ru\"", page.getValue().get(0),
                    "Запуски</a>", "Выйти", "id=\"lang-en\"");
            assertThat(en).as(page.getKey() + " in English").contains("<html lang=\"en\"", page.getValue().get(1),
                    "Executions</a>", "Sign out", "id=\"lang-ru\"");
            assertThat(englishWords(visibleText(ru))).as(page.getKey()
                    + ": no English word of the interface in the Russian page").isEmpty();
        }
        assertThat(mvc.perform(get("/login").header("Accept-Language", "ru")).andReturn().getResponse()
                .getContentAsString()).contains("<html lang=\"ru\"", "Пароль", "Войти", "id=\"lang-en\"");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString())
                .contains("<html lang=\"en\"", "Password", "Sign in", "id=\"lang-ru\"");
    }

    @Test
    void aRunningExecutionsProgressIsInTheLanguageToo() throws Exception {
        // the close as if still running: its page shows the progress and refreshes itself
        jdbc.update("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = ?",
                close);
        assertThat(page(get("/executions/" + close).header("Accept-Language", "ru")))
                .contains("<strong>Выполняется</strong>: шаг ", "Страница обновляется каждые 2 секунды.");
        assertThat(page(get("/executions/" + close).header("Accept-Language", "en")))
                .contains("<strong>Running</strong>: step ", "This page refreshes every 2 seconds.");
    }

    @Test
    void amountsAndDatesAreWrittenForTheLanguage() throws Exception {
        String ru = page(get("/").header("Accept-Language", "ru"));
        String en = page(get("/").header("Accept-Language", "en"));
        assertThat(row(ru, "fund-RUB")).contains(">2" + NBSP + "500,00<").doesNotContain("2500.00");
        assertThat(row(en, "fund-RUB")).contains(">2,500.00<");
        assertThat(ru).contains("<dd>05.04.2025</dd>", "начислено", "макс. 2" + NBSP + "500,00");
        assertThat(en).contains("<dd>2025-04-05</dd>", "accrued", "max 2,500.00");

        String distributorRu = page(get("/distributors/D1").header("Accept-Language", "ru"));
        String distributorEn = page(get("/distributors/D1").header("Accept-Language", "en"));
        assertThat(distributorRu).contains("100" + NBSP + "000,00", "1" + NBSP + "500,00", "учётная дата 05.04.2025");
        assertThat(distributorEn).contains("100,000.00", "1,500.00", "business date 2025-04-05");
        assertThat(Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}").matcher(
                page(get("/executions").header("Accept-Language", "ru"))).find()).as("a Russian time").isTrue();
        assertThat(Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}").matcher(
                page(get("/executions").header("Accept-Language", "en"))).find()).as("an English time").isTrue();
    }

    @Test
    void theSwitchIsRememberedForTheSessionAndEnglishIsTheDefault() throws Exception {
        assertThat(page(get("/"))).as("no Accept-Language").contains("<html lang=\"en\"", "Dashboard");
        assertThat(page(get("/").header("Accept-Language", "de-DE,de;q=0.9"))).as("neither language")
                .contains("<html lang=\"en\"");
        assertThat(page(get("/").header("Accept-Language", "de-DE,ru;q=0.5,en;q=0.4"))).as("the first of the two")
                .contains("<html lang=\"ru\"");

        MockHttpSession session = new MockHttpSession();
        String switched = page(get("/executions").param("lang", "ru").session(session)
                .header("Accept-Language", "en"));
        assertThat(switched).contains("<html lang=\"ru\"", "Запуски заданий",
                "href=\"/executions?lang=en\"", "href=\"/executions?lang=ru\"");
        assertThat(page(get("/").session(session).header("Accept-Language", "en"))).as("remembered")
                .contains("<html lang=\"ru\"", "Сводка");
        assertThat(page(get("/").param("lang", "de").session(session))).as("only Russian or English")
                .contains("<html lang=\"ru\"");
        assertThat(page(get("/").param("lang", "en").session(session))).contains("<html lang=\"en\"");
        assertThat(page(get("/").session(session).header("Accept-Language", "ru"))).contains("<html lang=\"en\"");
    }

    @Test
    void theApiAndTheCsvDownloadsAreTheSameInEveryLanguage() throws Exception {
        for (String path : List.of("/api/executions/" + close, "/api/statements/2025-Q1")) {
            String ru = mvc.perform(get(path).with(httpBasic("fin", "fin-password-1")).header("Accept-Language", "ru"))
                    .andReturn().getResponse().getContentAsString();
            String en = mvc.perform(get(path).with(httpBasic("fin", "fin-password-1"))).andReturn().getResponse()
                    .getContentAsString();
            assertThat(ru).as(path).isEqualTo(en).doesNotContain(NBSP);
        }
        String ru = mvc.perform(get("/statements/2025-Q1/manifest.csv").with(user("fin").roles("FINANCE"))
                .header("Accept-Language", "ru")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        String en = mvc.perform(get("/statements/2025-Q1/manifest.csv").with(user("fin").roles("FINANCE")))
                .andReturn().getResponse().getContentAsString();
        assertThat(ru).isEqualTo(en).contains("D1").doesNotContain(NBSP);
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user("admin").roles("ADMIN"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String row(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /**
     * The text a reader sees, but for data: no tags, no code (file names, settings), no titles of the chart's columns,
     * not the explanations of a bonus and the descriptions of entries the calculation wrote (as on the statements).
     */
    private static String visibleText(String page) {
        return page.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("(?s)<code>.*?</code>", " ")
                .replaceAll("(?s)<td class=\"(explanation|description)\">.*?</td>", " ")
                .replaceAll("(?s)<title>.*?</title>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    /** The English interface's words in {@code text}: its messages without arguments that are not the same in Russian. */
    private static List<String> englishWords(String text) throws IOException {
        Properties english = bundle("i18n/messages.properties");
        Properties russian = bundle("i18n/messages_ru.properties");
        return english.stringPropertyNames().stream()
                .filter(key -> !english.getProperty(key).equals(russian.getProperty(key)))
                .map(english::getProperty)
                .filter(value -> !value.contains("{") && !value.contains("<") && value.strip().length() > 2)
                // also the name of a job parameter, which is data
                .filter(value -> !value.equals("target"))
                .map(String::strip)
                .filter(value -> Pattern.compile("(?<![\\p{L}-])" + Pattern.quote(value) + "(?![\\p{L}-])")
                        .matcher(text).find())
                .toList();
    }

    static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = AdminLanguageTest.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
