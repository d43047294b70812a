package io.periodclose.schedule;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health of serve's scheduler as actuator shows it. The context runs a scheduler, so it is closed after this
 * class.
 */
@DatabaseTest
@TestPropertySource(properties = "period-close.scheduler.enabled=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulerHealthIndicatorTest {

    @Autowired
    Scheduler scheduler;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HealthIndicator schedulerHealthIndicator;
    @Autowired
    HealthContributorRegistry healthContributors;

    @BeforeEach
    void emptyBooks() {
        Books.wipe(jdbc);
    }

    @Test
    void healthIsUpWithTheInstanceAndTheCluster() throws Exception {
        // the wipe emptied qrtz_scheduler_state; the instance checks in again within its interval (7.5 s)
        Poll.until(Duration.ofSeconds(30), "a check-in", () ->
                schedulerHealthIndicator.health(true).getStatus().equals(Status.UP));

        // actuator's health endpoint lists it as "scheduler"
        assertThat(healthContributors.getContributor("scheduler")).isSameAs(schedulerHealthIndicator);
        Health health = schedulerHealthIndicator.health(true);
        assertThat(health.getDetails()).containsEntry("instanceId", instanceId())
                .containsEntry("schedulerName", "period-close").containsEntry("clustered", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> instances = (List<Map<String, Object>>) health.getDetails().get("instances");
        assertThat(instances).anySatisfy(instance -> assertThat(instance)
                .containsEntry("instanceId", instanceId()).containsEntry("alive", true));

        scheduler.standby();
        try {
            assertThat(schedulerHealthIndicator.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(schedulerHealthIndicator.health(true).getDetails())
                    .containsEntry("problem", "the scheduler is in standby");
        } finally {
            scheduler.start();
        }
    }

    private String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
