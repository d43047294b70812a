package io.periodclose.web.security;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.Fixtures;
import io.periodclose.support.TestDatabaseExtension;
import io.periodclose.support.TestUsers;
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

import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A session of the login form ends as soon as the users file no longer has its user as it signed in: removed, given
 * other roles, bound to another distributor, given a new password. Against a users file of its own that serve picks
 * up as it changes; users unchanged keep their sessions.
 */
@ExtendWith(TestDatabaseExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.out=target/test-out"})
class SessionUserChangeTest {

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
        new Fixtures(jdbc).distributor("D1", "GOLD", "RUB").distributor("D2", "SILVER", "RUB");
    }

    @Test
    void aRemovedOrDemotedStaffUsersSessionEndsAtItsNextRequest() throws Exception {
        MockHttpSession fin = signIn("fin");
        MockHttpSession ops = signIn("ops");
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/executions").session(fin)).andExpect(status().isOk());
        mvc.perform(get("/launch").session(ops)).andExpect(status().isOk());

        CommandLineRun removed = CommandLineRun.of("users", "--users", USERS.toString(), "remove", "fin");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        UsersFile.User opsNow = user("ops");
        UsersFile.put(USERS, new UsersFile.User("ops", opsNow.passwordHash(), EnumSet.of(Role.FINANCE)));

        mvc.perform(get("/executions").session(fin)).andExpect(redirectedUrl("/login"));
        assertThat(fin.isInvalid()).isTrue();
        // the demoted operator's session cannot launch with the role it had
        mvc.perform(post("/launch/close").param("period", "2025-Q1").session(ops).with(csrf()))
                .andExpect(redirectedUrl("/login"));
        assertThat(ops.isInvalid()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isZero();
        // signing in again gives the roles of now; the removed user cannot
        MockHttpSession finance = signIn("ops");
        mvc.perform(get("/launch").session(finance)).andExpect(status().isForbidden());
        mvc.perform(get("/executions").session(finance)).andExpect(status().isOk());
        mvc.perform(formLogin().user("fin").password("fin-password-1")).andExpect(redirectedUrl("/login?error"));
        // nobody else is signed out by the change of the file
        mvc.perform(get("/audit").session(admin)).andExpect(status().isOk());
        assertThat(admin.isInvalid()).isFalse();
    }

    @Test
    void aDistributorUserBoundToAnotherDistributorOrGivenANewPasswordIsSignedOut() throws Exception {
        MockHttpSession dist = signIn("dist");
        MockHttpSession dist2 = signIn("dist2");
        mvc.perform(get("/portal").session(dist)).andExpect(status().isOk());
        mvc.perform(get("/portal").session(dist2)).andExpect(status().isOk());

        UsersFile.put(USERS, new UsersFile.User("dist", user("dist").passwordHash(), EnumSet.of(Role.DISTRIBUTOR),
                "D2"));
        UsersFile.put(USERS, new UsersFile.User("dist2", user("dist").passwordHash(), EnumSet.of(Role.DISTRIBUTOR),
                "D2"));

        mvc.perform(get("/portal").session(dist)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/portal").session(dist2)).andExpect(redirectedUrl("/login"));
        assertThat(dist.isInvalid()).isTrue();
        assertThat(dist2.isInvalid()).isTrue();
    }

    private MockHttpSession signIn(String name) throws Exception {
        var signedIn = mvc.perform(formLogin().user(name).password(name + "-password-1")).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).as("signed in as " + name).isIn("/", "/portal");
        return (MockHttpSession) signedIn.getRequest().getSession();
    }

    private static UsersFile.User user(String name) {
        return UsersFile.read(USERS).stream().filter(user -> user.name().equals(name)).findFirst().orElseThrow();
    }
}
