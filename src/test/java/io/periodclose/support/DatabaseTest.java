package io.periodclose.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Spring Boot test on the run's one PostgreSQL; every test class shares one cached application context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"period-close.import-chunk-size=3", "period-close.programs=src/test/resources/programs",
        "period-close.close-chunk-size=20", "period-close.rebate-chunk-size=20", "period-close.out=target/test-out",
        "period-close.grid-size=2"})
public @interface DatabaseTest {
}
