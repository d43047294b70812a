package io.periodclose.schedule;

import com.zaxxer.hikari.HikariDataSource;
import io.periodclose.PeriodCloseApplication;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.support.Books;
import io.periodclose.support.TestDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code serve} instances on one database: two complete application contexts, each with the scheduler exactly
 * as the application configures it (clustered JDBC store, instance id AUTO), on the one test PostgreSQL. The only
 * tuning: both poll for due triggers every second (Quartz's minimum; 30 s by default), so that they really
 * compete for every firing within the few seconds of the test.
 * <p>
 * One artefact of running both in one JVM: Quartz registers each scheduler's connection source in a JVM-wide
 * registry under the scheduler's name, which the cluster's instances share by definition, so the second would
 * silently take over the first one's. Both therefore get their connections from one pool (a parent context's
 * DataSource). That changes nothing in how they coordinate: each has its own threads, check-ins and instance
 * id, and they meet only in PostgreSQL's rows and row locks, as two processes do.
 */
@ExtendWith(TestDatabaseExtension.class)
class ScheduleClusterTest {

    private static final Actor OPS = new Actor("ops", Channel.API);
    private static final List<String> NAMES = List.of("every-2s-a", "every-2s-b", "every-2s-c", "every-2s-d");

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void emptyDatabase() {
        // one connection: the wipe sets a session setting for its TRUNCATE
        dataSource = new SingleConnectionDataSource(setting("spring.datasource.url"),
                setting("spring.datasource.username"), setting("spring.datasource.password"), true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        Books.wipe(jdbc);
    }

    @AfterEach
    void disconnect() {
        dataSource.destroy();
    }

    @Test
    void twoInstancesOnOneDatabaseRunEachFireTimeOfASchedulesExactlyOnce() throws Exception {
        // four schedules due at the same instants, every two seconds; each firing is a year-end expiry that the
        // empty books refuse, recorded in audit_event like every launch
        StringBuilder yaml = new StringBuilder("schedules:\n");
        for (String name : NAMES) {
            yaml.append("  - { name: ").append(name).append(", job: expire, cron: \"*/2 * * * * ?\", zone: UTC,"
                    + " paused: true }\n");
        }
        Path file = Files.writeString(dir.resolve("schedule.yml"), yaml);
        Recorder recorder = new Recorder();

        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(setting("spring.datasource.url"));
        pool.setUsername(setting("spring.datasource.username"));
        pool.setPassword(setting("spring.datasource.password"));
        pool.setMaximumPoolSize(8);
        GenericApplicationContext shared = new GenericApplicationContext();
        shared.registerBean("dataSource", DataSource.class, () -> pool);
        shared.refresh();
        ConfigurableApplicationContext a = null;
        ConfigurableApplicationContext b = null;
        try {
            a = serve(file, shared);
            ConfigurableApplicationContext first = a;
            ConfigurableApplicationContext second = serve(file, shared);
            b = second;
            Scheduler schedulerA = first.getBean(Scheduler.class);
            Scheduler schedulerB = b.getBean(Scheduler.class);
            String idA = schedulerA.getSchedulerInstanceId();
            String idB = schedulerB.getSchedulerInstanceId();
            assertThat(idA).isNotEqualTo(idB);
            for (Scheduler scheduler : List.of(schedulerA, schedulerB)) {
                assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
                assertThat(scheduler.isStarted() && !scheduler.isInStandbyMode()).isTrue();
                scheduler.getListenerManager().addJobListener(recorder);
            }
            Poll.until(Duration.ofSeconds(20), "both instances checked in and healthy", () ->
                    healthy(first) && healthy(second));
            assertThat(jdbc.queryForList("SELECT instance_name FROM qrtz_scheduler_state ORDER BY 1", String.class))
                    .containsExactlyInAnyOrder(idA, idB);

            ScheduleActions schedules = first.getBean(ScheduleActions.class);
            Instant start = Instant.now();
            NAMES.forEach(name -> schedules.resume(OPS, name));
            // until every schedule has fired three times and both instances have taken firings, not a fixed time
            Poll.until(Duration.ofSeconds(60), "three firings of each schedule, on both instances", () -> {
                List<Recorder.Run> sofar = recorder.runs();
                return NAMES.stream().allMatch(name -> sofar.stream().filter(run -> run.schedule().equals(name))
                        .count() >= 3) && sofar.stream().map(Recorder.Run::instanceId).distinct().count() == 2;
            });
            NAMES.forEach(name -> schedules.pause(OPS, name));
            // paused, and nothing acquired or executing any more: no firing can come after this
            Poll.until(Duration.ofSeconds(20), "the last firings to end", () -> recorder.size() == expiries()
                    && jdbc.queryForObject("SELECT count(*) FROM qrtz_fired_triggers", Long.class) == 0);

            List<Recorder.Run> runs = recorder.runs();
            // each firing: exactly one launch, recorded once
            assertThat(expiries()).isEqualTo(runs.size());
            int year = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
            assertThat(jdbc.queryForList("SELECT DISTINCT concat_ws(' ', username, channel, outcome, detail)"
                    + " FROM audit_event WHERE action = 'EXPIRE'", String.class)).containsExactly("scheduler SCHEDULER"
                    + " REFUSED the year-end expiry of " + year + " needs " + year + "-Q4 closed first (close --period "
                    + year + "-Q4)");
            // no fire time of a schedule ran twice, none was skipped, on either instance
            Set<String> distinct = runs.stream().map(run -> run.schedule() + " " + run.fireTime())
                    .collect(Collectors.toSet());
            assertThat(distinct).hasSameSizeAs(runs);
            Map<String, List<Instant>> bySchedule = runs.stream().collect(Collectors.groupingBy(Recorder.Run::schedule,
                    Collectors.mapping(Recorder.Run::fireTime, Collectors.toList())));
            assertThat(bySchedule).containsOnlyKeys(NAMES);
            bySchedule.forEach((name, times) -> {
                Collections.sort(times);
                assertThat(times).as(name).hasSizeGreaterThanOrEqualTo(3);
                // a trigger starts at the current second, which may be a fire time already
                assertThat(times.get(0)).as(name).isAfterOrEqualTo(start.truncatedTo(ChronoUnit.SECONDS));
                for (int i = 1; i < times.size(); i++) {
                    assertThat(Duration.between(times.get(i - 1), times.get(i))).as(name + " " + times)
                            .isEqualTo(Duration.ofSeconds(2));
                }
            });
            // both instances took firings: they competed for the same triggers, and never both won one
            Map<String, Long> byInstance = runs.stream().collect(Collectors.groupingBy(Recorder.Run::instanceId,
                    Collectors.counting()));
            System.err.println("firings per instance: " + byInstance);
            assertThat(byInstance).containsOnlyKeys(idA, idB);
        } finally {
            for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[]{b, a}) {
                if (instance != null) {
                    instance.close();
                }
            }
            shared.close();
            pool.close();
        }
    }

    @Test
    void aFiringMissedWhileEveryInstanceWasDownFiresOnceWhenOneComesBack() throws Exception {
        Path file = Files.writeString(dir.resolve("schedule.yml"), """
                schedules:
                  - { name: daily, job: expire, cron: "0 0 6 * * ?", zone: UTC }
                """);
        serve(file).close();
        // every instance down for three days: three 06:00 firings missed
        long threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        assertThat(jdbc.update("UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = 'daily'",
                threeDaysAgo)).isEqualTo(1);

        try (ConfigurableApplicationContext back = serve(file)) {
            // fired once, nothing acquired or running, and the next fire time ahead: no second firing can follow
            Poll.until(Duration.ofSeconds(30), "the missed firing, and the trigger moved on to tomorrow", () ->
                    expiries() >= 1 && nextFireTime().isAfter(Instant.now())
                            && jdbc.queryForObject("SELECT count(*) FROM qrtz_fired_triggers", Long.class) == 0);

            assertThat(expiries()).isEqualTo(1);
            assertThat(nextFireTime()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));
            assertThat(back.getBean(ScheduleActions.class).list().get(0).lastFiring().outcome()).isEqualTo("REFUSED");
        }
    }

    /** The test database's connection: system properties (TestDatabase) or the environment. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replace('.', '_'));
        }
        return value == null ? "" : value;
    }

    private Instant nextFireTime() {
        return Instant.ofEpochMilli(jdbc.queryForObject(
                "SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = 'daily'", Long.class));
    }

    private long expiries() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'EXPIRE'", Long.class);
    }

    private static boolean healthy(ConfigurableApplicationContext context) {
        return context.getBean("schedulerHealthIndicator", HealthIndicator.class).health(true).getStatus()
                .equals(Status.UP);
    }

    /** One serve instance's application, as serve starts it (scheduler on), without the web server. */
    private static ConfigurableApplicationContext serve(Path scheduleFile) {
        return serve(scheduleFile, null);
    }

    private static ConfigurableApplicationContext serve(Path scheduleFile, ConfigurableApplicationContext pool) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(PeriodCloseApplication.class);
        if (pool != null) {
            application.parent(pool);
        }
        return application
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--period-close.scheduler.enabled=true",
                        "--period-close.schedule=" + scheduleFile,
                        "--period-close.programs=src/test/resources/programs",
                        "--period-close.out=target/test-out",
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000");
    }

    /**
     * Every run of a scheduled job, on either instance: the schedule, the fire time it ran for and the instance
     * that ran it. Each run holds its thread a second longer, so that one instance's two threads cannot take all
     * four firings due at the same instant.
     */
    static final class Recorder implements JobListener {

        record Run(String schedule, Instant fireTime, String instanceId) {
        }

        private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void jobExecutionVetoed(JobExecutionContext context) {
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
            try {
                runs.add(new Run(context.getJobDetail().getKey().getName(),
                        context.getScheduledFireTime().toInstant(), context.getScheduler().getSchedulerInstanceId()));
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }

        int size() {
            return runs.size();
        }

        List<Run> runs() {
            synchronized (runs) {
                return new ArrayList<>(runs);
            }
        }
    }
}
