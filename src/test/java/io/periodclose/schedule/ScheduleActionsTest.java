package io.periodclose.schedule;

import io.periodclose.support.TestClock;
import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.approval.ApprovalPolicy;
import io.periodclose.approval.ApprovalService;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What users do to the schedules, on the scheduler as serve runs it (one instance here; two in
 * {@link ScheduleClusterTest}), with the shipped {@code jobs/schedule.yml}: the audited pause, resume and trigger
 * now, and what a triggered firing launches. "Today" is set by a clock bean; firings are triggered now, since the
 * shipped crons fire a few times a year. The context runs a scheduler, so it is closed after this class.
 */
@DatabaseTest
@TestPropertySource(properties = "period-close.scheduler.enabled=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduleActionsTest {

    private static final Actor ALICE = new Actor("alice", Channel.WEB);
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Duration A_CLOSE = Duration.ofSeconds(120);

    @TestConfiguration
    static class Today {
        @Bean
        TestClock clock() {
            return new TestClock(Instant.parse("2026-04-05T03:00:00Z"));
        }
    }

    @Autowired
    ScheduleActions schedules;
    @Autowired
    ScheduleFileSync fileSync;
    @Autowired
    Scheduler scheduler;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApprovalService approvals;

    @BeforeEach
    void emptyBooksAndTheShippedSchedules() {
        Books.wipe(jdbc);
        fileSync.synchronize();
    }

    @Test
    void aScheduledCloseClosesTheLatestEndedQuarterAndASecondFiringIsRecordedAsRefused() {
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-03-31", "LAPTOPS", "2000.00", "EUR")
                .invoice("D1", "2026-04-02", "LAPTOPS", "999.00", "EUR");   // the quarter in progress: not closed
        clock.set(Instant.parse("2026-04-05T03:00:00Z"));                  // 06:00 in Moscow, when it fires

        schedules.triggerNow(ALICE, "quarter-close");
        Poll.until(A_CLOSE, "the scheduled close", () -> count("CLOSE") == 1);

        assertThat(jdbc.queryForList("SELECT period FROM period_close", String.class)).containsExactly("2026-Q1");
        assertThat(jdbc.queryForObject("SELECT business_date::text FROM period_close", String.class))
                .isEqualTo("2026-04-05");
        assertThat(jdbc.queryForObject("SELECT amount FROM ledger_entry WHERE idempotency_key = 'ACCRUAL:D1:2026-Q1'",
                java.math.BigDecimal.class)).isEqualByComparingTo("150.00");     // GOLD 1.5 % of 10,000.00

        schedules.triggerNow(ALICE, "quarter-close");
        Poll.until(A_CLOSE, "the second firing", () -> count("CLOSE") == 2);

        assertThat(trail()).containsExactly(
                "alice WEB SCHEDULE_TRIGGER schedule quarter-close DONE fires now: closes the latest ended quarter"
                        + " (Europe/Moscow)",
                "alice SCHEDULER CLOSE close 2026-Q1 as of 2026-04-05 DONE COMPLETED",
                "alice WEB SCHEDULE_TRIGGER schedule quarter-close DONE fires now: closes the latest ended quarter"
                        + " (Europe/Moscow)",
                "alice SCHEDULER CLOSE close 2026-Q1 as of 2026-04-05 REFUSED 2026-Q1 is already closed; to"
                        + " recalculate it, re-close it with a business date after 2026-03-31: close --period 2026-Q1"
                        + " --reclose --as-of 2026-04-01");
        assertThat(jdbc.queryForList("SELECT period FROM period_close", String.class)).containsExactly("2026-Q1");
        ScheduleView view = view("quarter-close");
        assertThat(view.state()).isEqualTo(ScheduleState.NORMAL);
        assertThat(view.lastFiring().outcome()).isEqualTo("REFUSED");
        assertThat(view.lastFiring().target()).isEqualTo("close 2026-Q1 as of 2026-04-05");
        assertThat(view.lastFiring().detail()).startsWith("2026-Q1 is already closed");
        assertThat(view.lastFiring().instanceId()).isEqualTo(instanceId());
    }

    @Test
    void theYearEndExpiryExpiresThePreviousYearAfterQ4sClose() {
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").invoice("D1", "2025-11-10", "LAPTOPS", "10000.00", "EUR");
        clock.set(Instant.parse("2026-01-10T03:00:00Z"));

        schedules.triggerNow(ALICE, "year-end-expiry");
        Poll.until(A_CLOSE, "the expiry", () -> count("EXPIRE") == 1);
        // Q4 is not closed yet: refused, and said why
        assertThat(trail()).last().isEqualTo("alice SCHEDULER EXPIRE year-end 2025 REFUSED the year-end expiry"
                + " of 2025 needs 2025-Q4 closed first (close --period 2025-Q4)");

        schedules.triggerNow(ALICE, "quarter-close");
        Poll.until(A_CLOSE, "the close of 2025-Q4", () -> count("CLOSE") == 1);
        schedules.triggerNow(ALICE, "year-end-expiry");
        Poll.until(A_CLOSE, "the expiry", () -> count("EXPIRE") == 2);

        assertThat(trail()).filteredOn(line -> line.startsWith("alice SCHEDULER")).containsExactly(
                "alice SCHEDULER EXPIRE year-end 2025 REFUSED the year-end expiry of 2025 needs 2025-Q4 closed"
                        + " first (close --period 2025-Q4)",
                "alice SCHEDULER CLOSE close 2025-Q4 as of 2026-01-10 DONE COMPLETED",
                "alice SCHEDULER EXPIRE year-end 2025 DONE COMPLETED");
        assertThat(jdbc.queryForList("SELECT year FROM year_lock", Integer.class)).containsExactly(2025);
        assertThat(view("year-end-expiry").lastFiring().outcome()).isEqualTo("DONE");
    }

    @Test
    void pauseResumeAndTriggerNowAreAuditedAndAnUnknownNameIsBadInput() throws Exception {
        ZonedDateTime next = nextFireTime("0 0 6 5 1,4,7,10 ?");
        assertThat(view("quarter-close")).extracting(ScheduleView::state, ScheduleView::nextFireTime,
                ScheduleView::cron, ScheduleView::zone).containsExactly(ScheduleState.NORMAL, next,
                "0 0 6 5 1,4,7,10 ?", MOSCOW);

        schedules.pause(ALICE, "quarter-close");
        schedules.pause(new Actor("bob", Channel.API), "quarter-close");

        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(view("quarter-close").nextFireTime()).isNull();
        assertThat(view("year-end-expiry").state()).isEqualTo(ScheduleState.NORMAL);
        assertThat(jdbc.queryForObject("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = 'quarter-close'",
                String.class)).isEqualTo("PAUSED");

        fileSync.synchronize();                                  // what a restart does: the pause is kept
        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.PAUSED);

        schedules.resume(ALICE, "quarter-close");
        assertThat(view("quarter-close")).extracting(ScheduleView::state, ScheduleView::nextFireTime)
                .containsExactly(ScheduleState.NORMAL, next);

        assertThatThrownBy(() -> schedules.triggerNow(ALICE, "quarter-closes"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("there is no schedule 'quarter-closes'; the schedules are: quarter-close, year-end-expiry"
                        + " (jobs/schedule.yml)");

        assertThat(trail()).containsExactly(
                "alice WEB SCHEDULE_PAUSE schedule quarter-close DONE paused; it was to fire next at " + next,
                "bob API SCHEDULE_PAUSE schedule quarter-close DONE was already paused",
                "alice WEB SCHEDULE_RESUME schedule quarter-close DONE resumed; fires next at " + next,
                "alice WEB SCHEDULE_TRIGGER schedule quarter-closes REFUSED there is no schedule 'quarter-closes'; the"
                        + " schedules are: quarter-close, year-end-expiry (jobs/schedule.yml)");
    }

    @Test
    void aPausedScheduleStillRunsWhenTriggeredNowAndStaysPaused() {
        clock.set(Instant.parse("2026-07-05T03:00:00Z"));
        schedules.pause(ALICE, "quarter-close");

        schedules.triggerNow(ALICE, "quarter-close");
        Poll.until(A_CLOSE, "the close", () -> count("CLOSE") == 1);

        // no data at all: the close of 2026-Q2 runs and closes an empty quarter
        assertThat(trail()).last().isEqualTo("alice SCHEDULER CLOSE close 2026-Q2 as of 2026-07-05 DONE COMPLETED");
        assertThat(view("quarter-close").state()).isEqualTo(ScheduleState.PAUSED);
    }

    @Test
    void whoTriggersACloseNowLaunchedItAndCannotApproveIt() {
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR");
        clock.set(Instant.parse("2026-04-05T03:00:00Z"));
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        try {
            schedules.triggerNow(ALICE, "quarter-close");
            Poll.until(A_CLOSE, "the close", () -> count("CLOSE") == 1);

            assertThat(jdbc.queryForObject("SELECT launched_by FROM approval", String.class)).isEqualTo("alice");
            // SPEC §9: the approver must not be the one who launched it, also when it was "run now"
            assertThatThrownBy(() -> approvals.approve(new Actor("alice", Channel.API), "2026-Q1"))
                    .isInstanceOf(RefusedException.class).hasMessage("alice launched the close of 2026-Q1 and cannot"
                            + " approve it: someone else must (four eyes)");
            assertThat(jdbc.queryForObject("SELECT status FROM approval", String.class)).isEqualTo("PENDING");
            assertThat(trail()).contains("alice SCHEDULER CLOSE close 2026-Q1 as of 2026-04-05 DONE STOPPED");
        } finally {
            System.clearProperty(ApprovalPolicy.PROPERTY);
        }
    }

    private ScheduleView view(String name) {
        return schedules.list().stream().filter(view -> view.name().equals(name)).findFirst().orElseThrow();
    }

    private long count(String action) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = ?", Long.class, action);
    }

    private List<String> trail() {
        return jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, target, outcome, detail)"
                + " FROM audit_event ORDER BY id", String.class);
    }

    private String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ZonedDateTime nextFireTime(String cron) throws Exception {
        CronExpression expression = new CronExpression(cron);
        expression.setTimeZone(TimeZone.getTimeZone(MOSCOW));
        return expression.getNextValidTimeAfter(new Date()).toInstant().atZone(MOSCOW);
    }
}
