package io.periodclose.schedule;

import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The commands' application (the shared test context): no scheduler at all, the schedules only shown. */
@DatabaseTest
class ScheduleActionsWithoutSchedulerTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ScheduleActions schedules;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyBooks() {
        Books.wipe(jdbc);
    }

    @Test
    void theCommandsCreateNoSchedulerAndNoHealthIndicatorForIt() {
        assertThat(context.getBeanNamesForType(Scheduler.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SchedulerFactoryBean.class)).isEmpty();
        assertThat(context.containsBean("schedulerHealthIndicator")).isFalse();
        assertThat(schedules.running()).isFalse();
    }

    @Test
    void listsTheFileAsDisabledWithTheLatestFiringAndRefusesChanges() {
        jdbc.update("INSERT INTO schedule_firing (schedule_name, fired_at, instance_id, target, outcome, detail)"
                + " VALUES ('quarter-close', '2026-10-05T03:00:00Z', 'host1', 'close 2026-Q3 as of 2026-10-05',"
                + " 'REFUSED', '2026-Q3 is already closed')");

        assertThat(schedules.list()).extracting(ScheduleView::name, ScheduleView::state, ScheduleView::nextFireTime)
                .containsExactly(tuple("quarter-close", ScheduleState.DISABLED, null),
                        tuple("year-end-expiry", ScheduleState.DISABLED, null));
        ScheduleView.Firing firing = schedules.list().get(0).lastFiring();
        assertThat(firing.at()).hasToString("2026-10-05T06:00+03:00[Europe/Moscow]");
        assertThat(firing.at().getZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(firing.outcome()).isEqualTo("REFUSED");

        assertThatThrownBy(() -> schedules.pause(new Actor("alice", Channel.WEB), "quarter-close"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("the scheduler does not run in this process; schedules are changed in serve");
        assertThat(jdbc.queryForObject("SELECT concat_ws(' ', username, action, target, outcome) FROM audit_event",
                String.class)).isEqualTo("alice SCHEDULE_PAUSE schedule quarter-close REFUSED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_scheduler_state", Long.class)).isZero();
    }
}
