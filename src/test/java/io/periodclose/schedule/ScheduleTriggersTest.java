package io.periodclose.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger a schedule of the file becomes, before any scheduler stores it. */
class ScheduleTriggersTest {

    private static final ScheduleDefinition QUARTER_CLOSE = new ScheduleDefinition("quarter-close", ScheduleJob.CLOSE,
            "0 0 6 5 1,4,7,10 ?", ZoneId.of("Europe/Moscow"), false);

    @Test
    void firesAtTheFilesCronInTheFilesZoneAndOnceForMissedFireTimes() {
        CronTrigger trigger = (CronTrigger) ScheduleTriggers.trigger(QUARTER_CLOSE, null);

        assertThat(trigger.getKey()).isEqualTo(ScheduleTriggers.triggerKey("quarter-close"));
        assertThat(trigger.getKey().getGroup()).isEqualTo("period-close");
        assertThat(trigger.getJobKey()).isEqualTo(ScheduleTriggers.jobKey("quarter-close"));
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 6 5 1,4,7,10 ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Moscow");
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(trigger.getPreviousFireTime()).isNull();
    }

    @Test
    void aReplacingTriggerKeepsTheDateTheScheduleLastFired() {
        Date fired = Date.from(Instant.parse("2026-04-05T03:00:00Z"));

        Trigger trigger = ScheduleTriggers.trigger(QUARTER_CLOSE, fired);

        assertThat(trigger.getPreviousFireTime()).isEqualTo(fired);
    }
}
