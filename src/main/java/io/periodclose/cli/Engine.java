package io.periodclose.cli;

import io.periodclose.PeriodCloseApplication;
import io.periodclose.database.EmbeddedDatabase;
import io.periodclose.database.HomeMigration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The Spring application a command runs against: the external PostgreSQL named by {@code SPRING_DATASOURCE_URL},
 * or the embedded one under {@code --home}, started (or joined) for the lifetime of the command.
 */
public final class Engine implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final ConfigurableApplicationContext context;

    private Engine(EmbeddedDatabase embedded, ConfigurableApplicationContext context) {
        this.embedded = embedded;
        this.context = context;
    }

    public static Engine start(GlobalOptions options) {
        return start(options, WebApplicationType.NONE);
    }

    public static Engine start(GlobalOptions options, WebApplicationType web) {
        return start(options, web, Map.of());
    }

    /** Starts the application with {@code extra} properties on top of the options' (for {@code serve}). */
    public static Engine start(GlobalOptions options, WebApplicationType web, Map<String, Object> extra) {
        if (java.nio.file.Files.exists(options.home()) && !java.nio.file.Files.isDirectory(options.home())) {
            throw new io.periodclose.BadInputException("--home " + options.home() + " is a file, not a directory");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("period-close.home", options.home().toString());
        properties.put("period-close.programs", options.programs().toString());
        properties.put("period-close.out", options.out().toString());
        properties.put("period-close.statement-language", options.language());
        properties.putAll(extra);
        EmbeddedDatabase embedded = null;
        if (!externalDatabaseConfigured()) {
            HomeMigration.refuseUnmigratedHome(options.home());
            embedded = EmbeddedDatabase.open(options.home().toAbsolutePath(), true);
            properties.put("spring.datasource.url", embedded.jdbcUrl());
            properties.put("period-close.embedded", "true");
            properties.put("spring.datasource.username", EmbeddedDatabase.USER);
            properties.put("spring.datasource.password", "");
        }
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(PeriodCloseApplication.class)
                    .web(web)
                    // the command stops its jobs itself on SIGTERM and then closes the context (see JobRuns)
                    .registerShutdownHook(false)
                    .properties(properties)
                    .run();
            return new Engine(embedded, context);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    static boolean externalDatabaseConfigured() {
        return System.getenv("SPRING_DATASOURCE_URL") != null || System.getProperty("spring.datasource.url") != null;
    }

    public <T> T get(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
