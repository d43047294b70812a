package io.periodclose.schedule;

import org.quartz.Scheduler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Properties;

/**
 * The scheduler of {@code serve}: Quartz with its clustered JDBC job store on the application's PostgreSQL, so
 * that several {@code serve} instances on one database share the schedules and each firing runs on exactly one of
 * them (the instance that acquires the trigger under Quartz's row lock; the others see it taken).
 * <p>
 * Only when {@code period-close.scheduler.enabled=true}, which {@code serve} sets. The commands (import, close,
 * ...) must not even create a scheduler: no thread pool, no check-ins into the cluster, no trace in
 * {@code qrtz_scheduler_state}. Spring Boot's own QuartzAutoConfiguration creates one whenever Quartz is on the
 * class path ({@code spring.quartz.auto-startup=false} only keeps it from starting), so the application excludes
 * it and this configuration builds the scheduler instead, the clustered store's settings in one place. Flyway owns
 * the {@code qrtz_*} tables (V7), so nothing here initialises a schema. Quartz tuning properties may still be
 * given as {@code spring.quartz.properties.org.quartz.*} (thread count, check-in interval, ...); the settings that
 * make the store clustered cannot be overridden.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "period-close.scheduler.enabled", havingValue = "true")
@EnableConfigurationProperties(QuartzProperties.class)
class SchedulerConfiguration {

    /** The cluster's name: every instance on one database must use the same. */
    static final String SCHEDULER_NAME = "period-close";

    @Bean
    SchedulerFactoryBean quartzScheduler(DataSource dataSource, PlatformTransactionManager transactionManager,
                                         ApplicationContext context, QuartzProperties quartz) {
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setSchedulerName(SCHEDULER_NAME);
        // Spring's LocalDataSourceJobStore on the application's pool; Quartz's own locks and transactions go
        // through it, and calls made inside a Spring transaction join it (see QuartzTransaction)
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactionManager);
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        factory.setJobFactory(jobs);
        factory.setQuartzProperties(quartzProperties(quartz.getProperties()));
        // a firing only launches (the job runs on the batch task executor), so waiting for it is short
        factory.setWaitForJobsToCompleteOnShutdown(true);
        return factory;
    }

    static Properties quartzProperties(Map<String, String> tuning) {
        Properties properties = new Properties();
        // two schedules that only launch: two threads are plenty
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.putAll(tuning);
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        // host name + start time: unique per instance, also for two instances on one host
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // an instance takes a trigger only while holding the TRIGGER_ACCESS row lock: no two take the same one
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return properties;
    }

    /** Brings the store in line with {@code jobs/schedule.yml} after start-up and before the scheduler starts. */
    @Bean
    SmartInitializingSingleton scheduleSynchronisation(ScheduleFileSync fileSync) {
        return fileSync::synchronize;
    }

    /** Actuator health contributor {@code scheduler}. */
    @Bean
    SchedulerHealthIndicator schedulerHealthIndicator(Scheduler scheduler, JdbcTemplate jdbc) {
        return new SchedulerHealthIndicator(scheduler, jdbc);
    }
}
