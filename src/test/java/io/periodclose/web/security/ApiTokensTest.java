package io.periodclose.web.security;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.TestDatabaseExtension;
import io.periodclose.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * API tokens issued and revoked with the users command, accepted as Bearer tokens with the user's role, and the
 * cache of verified Basic passwords, against a users file of its own that the test edits while serve runs.
 */
@ExtendWith(TestDatabaseExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.out=target/test-out"})
class ApiTokensTest {

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
    }

    @Test
    void aTokenActsWithItsUsersRoleUntilItIsRevoked() throws Exception {
        CommandLineRun issued = CommandLineRun.of("users", "--users", USERS.toString(), "token", "fin");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        String token = issued.out().strip();
        assertThat(token).matches("pct_[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(ApiTokens.tokensFile(USERS))).contains("user: \"fin\"").doesNotContain(token)
                .doesNotContain(token.substring(4));

        mvc.perform(get("/api/executions").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        // FINANCE reads but does not launch
        mvc.perform(post("/api/executions").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\":\"close\",\"period\":\"2025-Q1\"}"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForList("SELECT username || ' ' || action FROM audit_event ORDER BY id", String.class))
                .contains("fin TOKEN_ISSUED", "fin DENIED");

        CommandLineRun revoked = CommandLineRun.of("users", "--users", USERS.toString(), "revoke-token", "fin");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        mvc.perform(get("/api/executions").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForList("SELECT action || ' ' || target FROM audit_event WHERE action LIKE 'TOKEN%'"
                + " ORDER BY id", String.class)).hasSize(2).last().asString().startsWith("TOKEN_REVOKED API token")
                .endsWith(" of fin");
        assertThat(CommandLineRun.of("users", "--users", USERS.toString(), "token", "nobody").exitCode()).isEqualTo(2);
    }

    @Test
    void aWrongOrMalformedTokenIsRefused() throws Exception {
        String token = CommandLineRun.of("users", "--users", USERS.toString(), "token", "ops").out().strip();
        mvc.perform(get("/api/executions").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        String wrong = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        for (String header : new String[] {"Bearer " + wrong, "Bearer ", "Bearer x", "Bearer " + token.substring(4)}) {
            mvc.perform(get("/api/executions").header("Authorization", header)).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/actuator/metrics").header("Authorization", "Bearer " + wrong))
                .andExpect(status().isUnauthorized());
        // an operator's token is not an administrator's
        mvc.perform(get("/actuator/metrics").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden());
    }

    @Test
    void theBasicCacheNeverAcceptsAWrongPasswordAndForgetsAChangedOne() throws Exception {
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-1"))).andExpect(status().isOk());
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-1"))).andExpect(status().isOk());
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-2")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/executions").with(httpBasic("admin", ""))).andExpect(status().isUnauthorized());

        UsersFile.put(USERS, new UsersFile.User("admin", new BCryptPasswordEncoder().encode("admin-password-2"),
                EnumSet.of(Role.ADMIN)));
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-1")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-2"))).andExpect(status().isOk());

        UsersFile.remove(USERS, "admin");
        mvc.perform(get("/api/executions").with(httpBasic("admin", "admin-password-2")))
                .andExpect(status().isUnauthorized());
        UsersFile.put(USERS, new UsersFile.User("admin", new BCryptPasswordEncoder().encode("admin-password-1"),
                EnumSet.of(Role.ADMIN)));
    }
}
