package io.periodclose.cli;

import io.periodclose.PeriodCloseApplication;
import io.periodclose.BadInputException;
import io.periodclose.database.EmbeddedDatabase;
import io.periodclose.database.HomeMigration;
import io.periodclose.database.ServerLinger;
import io.periodclose.period.PartitioningMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The Spring application a command runs against: the external PostgreSQL named by {@code SPRING_DATASOURCE_URL},
 * or the embedded one under {@code --home}, started (or joined) for the lifetime of the command.
 *
 * <p>{@link #start} is the whole application (jobs, Flyway, and for {@code serve} the web tier).
 * {@link #startReports} is the light one the read-only commands use ({@link ReportContext}).
 *
 * <p>{@code PERIOD_CLOSE_LOG_LEVEL=DEBUG} logs how long the database and Spring took to start; the system property
 * {@code period-close.startup-trace=N} prints Spring's N slowest start-up steps to stderr.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final String IGNORE_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

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
        long begin = System.nanoTime();
        Map<String, Object> properties = properties(options);
        properties.putAll(extra);
        EmbeddedDatabase embedded = openDatabase(options, properties);
        long databaseReady = System.nanoTime();
        try {
            ConfigurableApplicationContext context = run(
                    new SpringApplicationBuilder(PeriodCloseApplication.class).web(web), properties);
            logTimings("application", begin, databaseReady);
            return new Engine(embedded, context);
        } catch (RuntimeException e) {
            closeQuietly(embedded, e);
            throw e;
        }
    }

    /**
     * Starts the light application of the read-only commands. When the schema is not exactly this build's (a
     * database left by an older version, or any doubt), it falls back to the whole application, whose Flyway
     * migrates it; the embedded server stays up in between.
     */
    public static Engine startReports(GlobalOptions options) {
        long begin = System.nanoTime();
        // Boot warms up validation, Jackson and converters on a second thread for the full application; a report
        // uses none of them, and on two cores that thread only takes CPU from the command
        if (System.getProperty(IGNORE_PREINITIALIZER) == null) {
            System.setProperty(IGNORE_PREINITIALIZER, "true");
        }
        Map<String, Object> properties = properties(options);
        // a report reads on one connection: no pool of ten filled in the background
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        EmbeddedDatabase embedded = openDatabase(options, properties);
        long databaseReady = System.nanoTime();
        ConfigurableApplicationContext context = null;
        try {
            context = run(new SpringApplicationBuilder(ReportContext.class).web(WebApplicationType.NONE), properties);
            long checking = System.nanoTime();
            boolean current = SchemaCheck.isCurrent(context.getBean(JdbcTemplate.class), context.getEnvironment());
            log.debug("Schema check: {} in {} ms", current ? "current" : "not current", (System.nanoTime() - checking) / 1_000_000);
            if (current) {
                logTimings("light application", begin, databaseReady);
                return new Engine(embedded, context);
            }
            context.close();
            context = null;
            Map<String, Object> full = properties(options);
            copyDatabase(properties, full);
            ConfigurableApplicationContext migrated = run(
                    new SpringApplicationBuilder(PeriodCloseApplication.class).web(WebApplicationType.NONE), full);
            logTimings("application (schema migrated)", begin, databaseReady);
            return new Engine(embedded, migrated);
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            closeQuietly(embedded, e);
            throw e;
        }
    }

    private static Map<String, Object> properties(GlobalOptions options) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("period-close.home", options.home().toString());
        properties.put("period-close.programs", options.programs().toString());
        properties.put("period-close.out", options.out().toString());
        properties.put("period-close.statement-language", options.language());
        return properties;
    }

    private static EmbeddedDatabase openDatabase(GlobalOptions options, Map<String, Object> properties) {
        if (options.home().toString().isBlank()) {
            throw new BadInputException("--home must name a directory (it was empty)");
        }
        if (java.nio.file.Files.exists(options.home()) && !java.nio.file.Files.isDirectory(options.home())) {
            throw new BadInputException("--home " + options.home() + " is a file, not a directory");
        }
        if (externalDatabaseConfigured()) {
            return null;
        }
        try {
            java.nio.file.Files.createDirectories(options.home());
        } catch (java.io.IOException | SecurityException e) {
            throw new BadInputException("--home " + options.home() + " cannot be created: "
                    + (e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        if (PartitioningMode.configured() == PartitioningMode.REMOTE) {
            throw new BadInputException("remote partitioning (PERIOD_CLOSE_PARTITIONING=remote) needs a PostgreSQL "
                    + "that the workers reach too: set SPRING_DATASOURCE_URL; the embedded database serves this "
                    + "process only");
        }
        HomeMigration.refuseUnmigratedHome(options.home());
        java.time.Duration linger;
        try {
            linger = ServerLinger.configured();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.open(options.home().toAbsolutePath(), true, linger);
        properties.put("spring.datasource.url", embedded.jdbcUrl());
        properties.put("period-close.embedded", "true");
        properties.put("spring.datasource.username", EmbeddedDatabase.USER);
        properties.put("spring.datasource.password", embedded.password());
        return embedded;
    }

    private static void copyDatabase(Map<String, Object> from, Map<String, Object> to) {
        for (String key : new String[]{"spring.datasource.url", "period-close.embedded", "spring.datasource.username",
                "spring.datasource.password"}) {
            if (from.containsKey(key)) {
                to.put(key, from.get(key));
            }
        }
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, Map<String, Object> properties) {
        Integer trace = Integer.getInteger("period-close.startup-trace");
        BufferingApplicationStartup startup = trace == null ? null : new BufferingApplicationStartup(20_000);
        if (startup != null) {
            builder.applicationStartup(startup);
        }
        ConfigurableApplicationContext context = builder
                // the command stops its jobs itself on SIGTERM and then closes the context (see JobRuns)
                .registerShutdownHook(false)
                .properties(properties)
                .run();
        if (startup != null) {
            startup.getBufferedTimeline().getEvents().stream()
                    .sorted(Comparator.comparing((TimelineEvent e) -> e.getDuration()).reversed())
                    .limit(trace)
                    .forEach(e -> {
                        StringBuilder tags = new StringBuilder();
                        e.getStartupStep().getTags().forEach(t -> tags.append(' ').append(t.getKey()).append('=')
                                .append(t.getValue()));
                        System.err.printf("startup %6d ms %s%s%n", e.getDuration().toMillis(),
                                e.getStartupStep().getName(), tags);
                    });
        }
        return context;
    }

    private static void logTimings(String what, long begin, long databaseReady) {
        if (log.isDebugEnabled()) {
            long end = System.nanoTime();
            log.debug("Started the {} in {} ms: JVM up {} ms before, database {} ms, Spring {} ms", what,
                    (end - begin) / 1_000_000,
                    ManagementFactory.getRuntimeMXBean().getUptime() - (end - begin) / 1_000_000,
                    (databaseReady - begin) / 1_000_000, (end - databaseReady) / 1_000_000);
        }
    }

    private static void closeQuietly(EmbeddedDatabase embedded, RuntimeException failure) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
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
