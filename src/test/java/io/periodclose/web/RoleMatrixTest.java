package io.periodclose.web;

import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Set;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every role (and nobody) against every page and endpoint of serve: the pages with a session (and CSRF tokens on
 * forms), the API and Actuator with HTTP Basic. A request the role may make must pass the security filters (its
 * answer is then the page's own: 200, 302, 400, 404 or 409, never 401, 403 or a 500); one it may not make is
 * answered 403 for a signed-in user, a redirect to the login page (pages) or 401 (API, Actuator) for nobody.
 * Nothing is launched: the executions named do not exist and the launch forms lack their parameters.
 */
@WebTest
class RoleMatrixTest {

    /** DISTRIBUTOR stands apart from the hierarchy: the portal's endpoints are its own, and only they. */
    enum Who { NOBODY, FINANCE, OPERATOR, ADMIN, DISTRIBUTOR }

    /** One endpoint and the least role that may use it; null: nobody at all (the API's deny-all fallback). */
    record Endpoint(HttpMethod method, String path, Who least) {

        boolean allows(Who who) {
            if (least == Who.DISTRIBUTOR || who == Who.DISTRIBUTOR) {
                return least == who || least == Who.NOBODY;
            }
            return least != null && who.ordinal() >= least.ordinal();
        }

        boolean api() {
            return path.startsWith("/api/") || path.startsWith("/actuator/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final long NO_EXECUTION = 987_654_321L;

    private static final List<Endpoint> ENDPOINTS = List.of(
            // pages
            e(HttpMethod.GET, "/login", Who.NOBODY),
            e(HttpMethod.GET, "/css/app.css", Who.NOBODY),
            e(HttpMethod.GET, "/", Who.FINANCE),
            e(HttpMethod.GET, "/dashboard", Who.FINANCE),
            e(HttpMethod.GET, "/executions", Who.FINANCE),
            e(HttpMethod.GET, "/executions/" + NO_EXECUTION, Who.FINANCE),
            e(HttpMethod.GET, "/statements", Who.FINANCE),
            e(HttpMethod.GET, "/statements/2025-Q1", Who.FINANCE),
            e(HttpMethod.GET, "/statements/2025-Q1/manifest.csv", Who.FINANCE),
            e(HttpMethod.GET, "/statements/2025-Q1/files/D1.pdf", Who.FINANCE),
            e(HttpMethod.GET, "/statements/2025/programme-report.pdf", Who.FINANCE),
            e(HttpMethod.GET, "/distributors", Who.FINANCE),
            e(HttpMethod.GET, "/distributors/D1", Who.FINANCE),
            e(HttpMethod.GET, "/schedules", Who.FINANCE),
            e(HttpMethod.GET, "/swagger-ui/index.html", Who.FINANCE),
            e(HttpMethod.GET, "/simulations", Who.FINANCE),
            e(HttpMethod.POST, "/simulations", Who.FINANCE),
            e(HttpMethod.GET, "/simulations/" + NO_EXECUTION, Who.FINANCE),
            e(HttpMethod.GET, "/simulations/" + NO_EXECUTION + "/chart.svg", Who.FINANCE),
            e(HttpMethod.GET, "/simulations/" + NO_EXECUTION + "/simulation.csv", Who.FINANCE),
            e(HttpMethod.GET, "/v3/api-docs", Who.FINANCE),
            e(HttpMethod.GET, "/launch", Who.OPERATOR),
            e(HttpMethod.POST, "/launch/close", Who.OPERATOR),
            e(HttpMethod.POST, "/launch/expire", Who.OPERATOR),
            e(HttpMethod.POST, "/schedules/quarter-close/pause", Who.OPERATOR),
            e(HttpMethod.POST, "/schedules/quarter-close/resume", Who.OPERATOR),
            e(HttpMethod.POST, "/schedules/quarter-close/trigger", Who.OPERATOR),
            e(HttpMethod.GET, "/audit", Who.ADMIN),
            e(HttpMethod.GET, "/executions/" + NO_EXECUTION + "/restart", Who.ADMIN),
            e(HttpMethod.GET, "/executions/" + NO_EXECUTION + "/stop", Who.ADMIN),
            e(HttpMethod.GET, "/executions/" + NO_EXECUTION + "/abandon", Who.ADMIN),
            e(HttpMethod.POST, "/executions/" + NO_EXECUTION + "/restart", Who.ADMIN),
            e(HttpMethod.POST, "/executions/" + NO_EXECUTION + "/stop", Who.ADMIN),
            e(HttpMethod.POST, "/executions/" + NO_EXECUTION + "/abandon", Who.ADMIN),
            e(HttpMethod.POST, "/executions/" + NO_EXECUTION + "/approve", Who.FINANCE),
            e(HttpMethod.POST, "/executions/" + NO_EXECUTION + "/reject", Who.FINANCE),
            e(HttpMethod.POST, "/statements/2025-Q1/send", Who.ADMIN),
            e(HttpMethod.POST, "/statements/2025-Q1/resend?distributor=D1", Who.ADMIN),
            e(HttpMethod.GET, "/approvals", Who.FINANCE),
            e(HttpMethod.GET, "/approvals/" + NO_EXECUTION + "/rebates.csv", Who.FINANCE),
            e(HttpMethod.GET, "/approvals/" + NO_EXECUTION + "/approve", Who.FINANCE),
            e(HttpMethod.GET, "/approvals/" + NO_EXECUTION + "/reject", Who.FINANCE),
            e(HttpMethod.POST, "/approvals/" + NO_EXECUTION + "/approve", Who.FINANCE),
            e(HttpMethod.POST, "/approvals/" + NO_EXECUTION + "/reject", Who.FINANCE),
            // the distributor portal (user dist of the test users file, bound to D1)
            e(HttpMethod.GET, "/portal", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/fund", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/statements", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/statements/2025-Q1/D1.pdf", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/claims", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/claim?id=C1", Who.DISTRIBUTOR),
            e(HttpMethod.GET, "/portal/invitation/" + "A".repeat(43), Who.NOBODY),
            // the API
            e(HttpMethod.GET, "/api/executions", Who.FINANCE),
            e(HttpMethod.GET, "/api/executions/" + NO_EXECUTION, Who.FINANCE),
            e(HttpMethod.GET, "/api/statements", Who.FINANCE),
            e(HttpMethod.GET, "/api/statements/2025-Q1", Who.FINANCE),
            e(HttpMethod.GET, "/api/statements/2025-Q1/manifest.csv", Who.FINANCE),
            e(HttpMethod.GET, "/api/statements/2025-Q1/files/D1.pdf", Who.FINANCE),
            e(HttpMethod.GET, "/api/distributors/D1", Who.FINANCE),
            e(HttpMethod.GET, "/api/schedules", Who.FINANCE),
            e(HttpMethod.POST, "/api/executions", Who.OPERATOR),
            e(HttpMethod.POST, "/api/schedules/quarter-close/pause", Who.OPERATOR),
            e(HttpMethod.POST, "/api/schedules/quarter-close/resume", Who.OPERATOR),
            e(HttpMethod.POST, "/api/schedules/quarter-close/trigger", Who.OPERATOR),
            e(HttpMethod.GET, "/api/audit", Who.ADMIN),
            e(HttpMethod.POST, "/api/executions/" + NO_EXECUTION + "/restart", Who.ADMIN),
            e(HttpMethod.POST, "/api/executions/" + NO_EXECUTION + "/stop", Who.ADMIN),
            e(HttpMethod.POST, "/api/executions/" + NO_EXECUTION + "/abandon", Who.ADMIN),
            e(HttpMethod.POST, "/api/approvals/2025-Q1/approve", Who.FINANCE),
            e(HttpMethod.POST, "/api/approvals/2025-Q1/reject", Who.FINANCE),
            // the API's deny-all fallback: no role, ADMIN included
            e(HttpMethod.PUT, "/api/executions/" + NO_EXECUTION, null),
            e(HttpMethod.DELETE, "/api/executions/" + NO_EXECUTION, null),
            e(HttpMethod.PATCH, "/api/schedules/quarter-close", null),
            e(HttpMethod.POST, "/api/statements/2025-Q1", null),
            e(HttpMethod.POST, "/api/no-such-endpoint", null),
            // Actuator
            e(HttpMethod.GET, "/actuator/health", Who.NOBODY),
            e(HttpMethod.GET, "/actuator/info", Who.ADMIN),
            e(HttpMethod.GET, "/actuator/metrics", Who.ADMIN),
            e(HttpMethod.GET, "/actuator/metrics/jvm.memory.used", Who.ADMIN));

    /** The answers of a page or endpoint that let the request through; a 5xx is never one. */
    private static final Set<Integer> PASSED = Set.of(200, 202, 204, 302, 400, 404, 409, 415);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRoleAgainstEveryPageAndEndpoint() throws Exception {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "RUB");
        long started = System.nanoTime();
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            for (Endpoint endpoint : ENDPOINTS) {
                MockHttpServletResponse response = mvc.perform(as(who, endpoint)).andReturn().getResponse();
                int status = response.getStatus();
                String location = response.getRedirectedUrl();
                String what = who + " " + endpoint + " answered " + status + (location == null ? "" : " -> " + location);
                boolean toLogin = status == 302 && location != null && location.endsWith("/login");
                if (endpoint.allows(who)) {
                    softly.assertThat(PASSED).as(what).contains(status);
                    softly.assertThat(toLogin).as(what + ": sent to the login page").isFalse();
                } else if (who == Who.NOBODY) {
                    if (endpoint.api()) {
                        softly.assertThat(status).as(what).isEqualTo(401);
                    } else {
                        softly.assertThat(toLogin).as(what + ": not sent to the login page").isTrue();
                    }
                } else {
                    softly.assertThat(status).as(what).isEqualTo(403);
                }
            }
        }
        softly.assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class))
                .as("nothing was launched").isZero();
        System.out.printf("role matrix: %d requests in %d ms%n", Who.values().length * ENDPOINTS.size(),
                (System.nanoTime() - started) / 1_000_000);
        softly.assertAll();
    }

    private static Endpoint e(HttpMethod method, String path, Who least) {
        return new Endpoint(method, path, least);
    }

    private static MockHttpServletRequestBuilder as(Who who, Endpoint endpoint) {
        MockHttpServletRequestBuilder request = request(endpoint.method(), endpoint.path());
        if (endpoint.path().startsWith("/api/") && endpoint.method() == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (who == Who.NOBODY) {
            return endpoint.api() ? request : request.with(csrf());
        }
        String name = switch (who) {
            case FINANCE -> "fin";
            case OPERATOR -> "ops";
            case DISTRIBUTOR -> "dist";
            default -> "admin";
        };
        // the roles are what is tested here; the users file's passwords over HTTP Basic are AccessControlTest's
        return request.with(user(name).roles(who.name())).with(csrf());
    }
}
