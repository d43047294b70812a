package io.periodclose.portal;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.Fixtures;
import io.periodclose.support.TestDatabaseExtension;
import io.periodclose.support.TestUsers;
import io.periodclose.web.security.Invitations;
import io.periodclose.web.security.Role;
import io.periodclose.web.security.UsersFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-up by invitation ({@code users invite}): a one-time link, valid for a limited time, where the distributor's
 * contact chooses a name and a password; and a user whose distributor is removed from the master data cannot sign
 * in, nor go on in a session opened before. Against a users file of its own that serve picks up as it changes.
 */
@ExtendWith(TestDatabaseExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.out=target/test-out"})
class PortalInvitationTest {

    static final Path USERS = TestUsers.writableCopy();

    @DynamicPropertySource
    static void usersFile(DynamicPropertyRegistry registry) {
        registry.add("period-close.users-file", USERS::toString);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D3", "BRONZE", "RUB");
    }

    @Test
    void anInvitationLinkSignsUpOnceThenTheUserSignsInToItsPortalUntilItsDistributorIsRemoved() throws Exception {
        CommandLineRun invited = CommandLineRun.of("users", "--users", USERS.toString(), "invite", "--distributor",
                "D3", "--url", "https://close.example.com/");
        assertThat(invited.exitCode()).as(invited.err()).isZero();
        String link = invited.out().strip();
        assertThat(link).matches("https://close\\.example\\.com/portal/invitation/[A-Za-z0-9_-]{43}");
        String path = link.substring("https://close.example.com".length());
        String secret = path.substring(path.lastIndexOf('/') + 1);
        assertThat(Files.readString(Invitations.file(USERS))).contains("distributor: \"D3\"").doesNotContain(secret);

        assertThat(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Приглашение на портал", "D3");
        // a password too short, or typed differently twice, creates nobody and keeps the link
        mvc.perform(post(path).with(csrf()).param("name", "olga").param("password", "short")
                .param("again", "short")).andExpect(status().isBadRequest());
        mvc.perform(post(path).with(csrf()).param("name", "admin").param("password", "olga-password-1")
                .param("again", "olga-password-1")).andExpect(status().isBadRequest());
        assertThat(UsersFile.read(USERS)).noneMatch(user -> user.name().equals("olga"));

        mvc.perform(post(path).with(csrf()).param("name", "olga").param("password", "olga-password-1")
                .param("again", "olga-password-1")).andExpect(redirectedUrl("/login?invited"));
        UsersFile.User olga = UsersFile.read(USERS).stream().filter(user -> user.name().equals("olga")).findFirst()
                .orElseThrow();
        assertThat(olga.roles()).isEqualTo(Set.of(Role.DISTRIBUTOR));
        assertThat(olga.distributor()).isEqualTo("D3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE username = 'olga'"
                + " AND action = 'INVITATION_ACCEPTED' AND target = 'portal of D3'", Integer.class)).isOne();

        // once only
        mvc.perform(get(path)).andExpect(status().isNotFound());
        mvc.perform(post(path).with(csrf()).param("name", "olga2").param("password", "olga-password-1")
                .param("again", "olga-password-1")).andExpect(status().isNotFound());

        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("olga").password("olga-password-1"))
                .andExpect(redirectedUrl("/portal")).andReturn().getRequest().getSession();
        assertThat(mvc.perform(get("/portal").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("ООО «D3»");
        // the portal's language: Russian without a choice, the browser's English, or Russian when it asks for
        // neither language
        assertThat(portal(session, null)).contains(">Обзор<").doesNotContain(">Overview<");
        assertThat(portal(session, "en-GB,en;q=0.9,ru;q=0.5")).contains(">Overview<");
        assertThat(portal(session, "de-DE,fr;q=0.8")).contains(">Обзор<");

        // signed in over HTTP Basic (now in the cache of verified passwords), but the API is not the portal's
        mvc.perform(get("/api/executions").with(httpBasic("olga", "olga-password-1")))
                .andExpect(status().isForbidden());

        jdbc.update("DELETE FROM distributor WHERE code = 'D3'");
        // the open session ends, and neither the form nor HTTP Basic (even with the password cached) signs in again
        mvc.perform(get("/portal").session(session)).andExpect(status().isForbidden());
        mvc.perform(formLogin().user("olga").password("olga-password-1")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/api/executions").with(httpBasic("olga", "olga-password-1")))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE username = 'olga'"
                + " AND action = 'PORTAL_VIEW' AND outcome = 'REFUSED'", Integer.class)).isOne();
    }

    @Test
    void anExpiredOrUnknownLinkIsNotFound() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofHours(73));
        String expired = Invitations.issue(USERS, "D3", Invitations.DEFAULT_VALIDITY, "test", issued);
        mvc.perform(get("/portal/invitation/" + expired)).andExpect(status().isNotFound());
        mvc.perform(post("/portal/invitation/" + expired).with(csrf()).param("name", "late")
                .param("password", "late-password-1").param("again", "late-password-1"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/portal/invitation/" + "A".repeat(43))).andExpect(status().isNotFound());
        mvc.perform(get("/portal/invitation/..%2F..%2Fusers.yml")).andExpect(status().is4xxClientError());
        assertThat(UsersFile.read(USERS)).noneMatch(user -> user.name().equals("late"));
    }

    private String portal(MockHttpSession session, String acceptLanguage) throws Exception {
        var request = get("/portal").session(session);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
