package io.periodclose;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;

/**
 * The Spring application behind every command; the command line itself lives in {@code cli}. Boot's Quartz
 * auto-configuration is left out: it would create a scheduler in every command, and serve's scheduler is built by
 * {@code schedule.SchedulerConfiguration} only when {@code period-close.scheduler.enabled=true}.
 */
@SpringBootApplication(exclude = QuartzAutoConfiguration.class)
@ConfigurationPropertiesScan
public class PeriodCloseApplication {
}
