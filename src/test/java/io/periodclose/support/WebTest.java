package io.periodclose.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The web interface and the API of {@code serve} on a mock servlet environment, on the run's one PostgreSQL, with
 * the test users of {@code src/test/resources/users.yml} (admin, ops, fin; password NAME-password-1). Jobs run in
 * the request's thread, so a test sees a launch's outcome when the request returns.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDatabaseExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.close-chunk-size=20",
        "period-close.out=target/test-out", "period-close.grid-size=2",
        "period-close.users-file=src/test/resources/users.yml"})
public @interface WebTest {
}
