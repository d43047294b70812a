package io.periodclose.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL for the whole test run. By default an embedded server in a throwaway directory (its
 * durability settings are irrelevant for data that dies with the run); with {@code SPRING_DATASOURCE_URL} set,
 * the tests run against that server instead. The connection is published as system properties, so both the
 * Spring test contexts and the command line run in-process use it.
 */
public final class TestDatabase {

    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    public static synchronized void start() {
        if (System.getProperty("spring.datasource.url") != null) {
            return;
        }
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external != null) {
            System.setProperty("spring.datasource.url", external);
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.datasource.url", embedded.getJdbcUrl("postgres", "postgres"));
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
    }
}
