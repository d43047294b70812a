package io.periodclose.schedule;

import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The schedule file brought into the Quartz store, as each start of serve does it: what a restart keeps (the
 * users' pause or resume, an unchanged trigger), what it replaces or removes, and the file put back when the store
 * was emptied under a running scheduler. One scheduler instance, closed after this class.
 */
@DatabaseTest
@TestPropertySource(properties = "period-close.scheduler.enabled=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduleFileSyncTest {

    private static final Actor ALICE = new Actor("alice", Channel.WEB);
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    ScheduleFileSync fileSync;
    @Autowired
    ScheduleActions schedules;
    @Autowired
    Scheduler scheduler;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyBooksAndTheShippedSchedules() {
        Books.wipe(jdbc);
        fileSync.synchronize();
    }

    @Test
    void theUiChoiceSurvivesRestartsUntilThePausedValueInTheFileChanges() throws Exception {
        List<ScheduleDefinition> shipped = new ScheduleLoader().load(java.nio.file.Path.of("jobs/schedule.yml"));
        List<ScheduleDefinition> pausedInFile = List.of(
                new ScheduleDefinition("quarter-close", ScheduleJob.CLOSE, "0 0 6 5 1,4,7,10 ?", MOSCOW, true),
                shipped.get(1));

        fileSync.synchronize(pausedInFile);                      // the file now says paused: it wins
        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.PAUSED);
        schedules.resume(ALICE, "quarter-close");
        fileSync.synchronize(pausedInFile);                      // a restart with the same file: the UI's choice stays
        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.NORMAL);
        schedules.pause(ALICE, "quarter-close");
        fileSync.synchronize(shipped);                           // the file says active again: it wins
        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.NORMAL);

        schedules.pause(ALICE, "quarter-close");
        List<ScheduleDefinition> seven = List.of(
                new ScheduleDefinition("quarter-close", ScheduleJob.CLOSE, "0 0 7 5 1,4,7,10 ?", MOSCOW, false));
        fileSync.synchronize(seven);                             // a new cron; the other schedule is gone

        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.PAUSED);
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(ScheduleTriggers.triggerKey("quarter-close"));
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 7 5 1,4,7,10 ?");
        assertThat(schedules.list()).extracting(ScheduleView::name).containsExactly("quarter-close");
        assertThat(jdbc.queryForList("SELECT job_name FROM qrtz_job_details", String.class))
                .containsExactly("quarter-close");
        schedules.resume(ALICE, "quarter-close");
        assertThat(view("quarter-close").nextFireTime()).isEqualTo(nextFireTime("0 0 7 5 1,4,7,10 ?"));
    }

    @Test
    void aRestartKeepsAnUnchangedTriggerAndReplacesAChangedOne() throws Exception {
        long shipped = triggerStartTime();
        awaitTheSecondAfter(shipped);                            // a new trigger starts now, to the second
        fileSync.synchronize();
        // kept, so that a fire time missed while no instance ran is still seen as missed
        assertThat(triggerStartTime()).isEqualTo(shipped);

        List<ScheduleDefinition> offset = List.of(new ScheduleDefinition("quarter-close", ScheduleJob.CLOSE,
                "0 0 6 5 1,4,7,10 ?", ZoneId.of("+03:00"), false));
        fileSync.synchronize(offset);                            // another zone: a new trigger
        long replaced = triggerStartTime();
        assertThat(replaced).isGreaterThan(shipped);
        awaitTheSecondAfter(replaced);
        fileSync.synchronize(offset);
        assertThat(triggerStartTime()).isEqualTo(replaced);
    }

    /** Until the wall clock is in a later second than {@code epochMilli}: a trigger made now would differ. */
    private static void awaitTheSecondAfter(long epochMilli) {
        Poll.until(Duration.ofSeconds(5), "the next second",
                () -> System.currentTimeMillis() / 1000 > epochMilli / 1000);
    }

    private long triggerStartTime() {
        return jdbc.queryForObject("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'quarter-close'",
                Long.class);
    }

    @Test
    void theTriggersFireOnceNowForFiringsMissedWhileNoInstanceWasUp() throws Exception {
        for (String name : List.of("quarter-close", "year-end-expiry")) {
            assertThat(scheduler.getTrigger(ScheduleTriggers.triggerKey(name)).getMisfireInstruction())
                    .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        }
    }

    @Test
    void aStoreEmptiedUnderTheRunningSchedulerGetsTheFileBackWhenTheSchedulesAreNextShown() throws Exception {
        schedules.pause(ALICE, "quarter-close");
        Books.wipe(jdbc);                                       // the qrtz_* tables too
        assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_triggers", Long.class)).isZero();

        assertThat(schedules.list()).extracting(ScheduleView::name, ScheduleView::state).containsExactly(
                tuple("quarter-close", ScheduleState.NORMAL),
                tuple("year-end-expiry", ScheduleState.NORMAL));
        assertThat(jdbc.queryForList("SELECT trigger_name FROM qrtz_triggers ORDER BY 1", String.class))
                .containsExactly("quarter-close", "year-end-expiry");
        assertThat(view("quarter-close").nextFireTime()).isEqualTo(nextFireTime("0 0 6 5 1,4,7,10 ?"));
    }

    private ScheduleView view(String name) {
        return schedules.list().stream().filter(view -> view.name().equals(name)).findFirst().orElseThrow();
    }

    private static ZonedDateTime nextFireTime(String cron) throws Exception {
        CronExpression expression = new CronExpression(cron);
        expression.setTimeZone(TimeZone.getTimeZone(MOSCOW));
        return expression.getNextValidTimeAfter(new Date()).toInstant().atZone(MOSCOW);
    }
}
