package io.periodclose.schedule;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleLoaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private final ScheduleLoader loader = new ScheduleLoader();

    @TempDir
    Path dir;

    @Test
    void theShippedFileClosesOnTheFifthDayAfterEachQuarterAndExpiresOnTenthJanuary() throws Exception {
        List<ScheduleDefinition> schedules = loader.load(Path.of("jobs/schedule.yml"));

        assertThat(schedules).containsExactly(
                new ScheduleDefinition("quarter-close", ScheduleJob.CLOSE, "0 0 6 5 1,4,7,10 ?", MOSCOW, false),
                new ScheduleDefinition("year-end-expiry", ScheduleJob.EXPIRE, "0 0 6 10 1 ?", MOSCOW, false));
        assertThat(fireTimes("0 0 6 5 1,4,7,10 ?", 5)).containsExactly(
                LocalDateTime.parse("2027-01-05T06:00"), LocalDateTime.parse("2027-04-05T06:00"),
                LocalDateTime.parse("2027-07-05T06:00"), LocalDateTime.parse("2027-10-05T06:00"),
                LocalDateTime.parse("2028-01-05T06:00"));
        // after Q4's close on 5 January
        assertThat(fireTimes("0 0 6 10 1 ?", 2)).containsExactly(
                LocalDateTime.parse("2027-01-10T06:00"), LocalDateTime.parse("2028-01-10T06:00"));
    }

    @Test
    void readsPausedAndAnyZoneAndAllowsNoSchedulesAtAll() {
        assertThat(parse("""
                schedules:
                  - { name: q, job: close, cron: "0 30 7 6 1,4,7,10 ?", zone: Asia/Almaty, paused: true }
                  - { name: e-2, job: expire, cron: "0 0 6 10 1 ? 2030", zone: UTC }
                """)).containsExactly(
                new ScheduleDefinition("q", ScheduleJob.CLOSE, "0 30 7 6 1,4,7,10 ?", ZoneId.of("Asia/Almaty"), true),
                new ScheduleDefinition("e-2", ScheduleJob.EXPIRE, "0 0 6 10 1 ? 2030", ZoneId.of("UTC"), false));
        assertThat(parse("schedules: []\n")).isEmpty();
    }

    @Test
    void namesTheFileTheKeyAndTheProblem() {
        String ok = "{ name: q, job: close, cron: \"0 0 6 5 1,4,7,10 ?\", zone: Europe/Moscow }";
        assertRefused("", "s.yml: the file is empty; expected the key schedules");
        assertRefused("schedule:\n  - x\n", "s.yml: schedule: unknown key 'schedule'; expected one of schedules");
        assertRefused("schedules:\n", "s.yml: schedules: is missing (required; write schedules: [] for none)");
        assertRefused("schedules: close\n", "s.yml: schedules: must be a list of schedules (write [] for none), not"
                + " 'close'");
        assertRefused("schedules:\n  - " + ok + "\n  - " + ok + "\n",
                "s.yml: schedules[1].name: 'q' is used by an earlier schedule; names must be unique");
        assertRefused("schedules:\n  - { job: close, cron: \"0 0 6 5 1 ?\", zone: UTC }\n",
                "s.yml: schedules[0].name: is missing (required)");
        assertRefused("schedules:\n  - { name: Quarter Close, job: close, cron: \"0 0 6 5 1 ?\", zone: UTC }\n",
                "s.yml: schedules[0].name: must be a name such as quarter-close (lower-case letters, digits and '-',"
                        + " at most 63), not 'Quarter Close'");
        assertRefused("schedules:\n  - { name: q, job: reclose, cron: \"0 0 6 5 1 ?\", zone: UTC }\n",
                "s.yml: schedules[0] (q).job: must be close (the latest ended quarter) or expire (the previous"
                        + " year's year-end), not 'reclose'");
        assertRefused("schedules:\n  - { name: q, job: close, cron: \"0 0 6 5 1 ?\" }\n",
                "s.yml: schedules[0] (q).zone: is missing (required)");
        assertRefused("schedules:\n  - { name: q, job: close, cron: \"0 0 6 5 1 ?\", zone: Moscow }\n",
                "s.yml: schedules[0] (q).zone: must be a time zone such as Europe/Moscow or UTC, not 'Moscow'");
        assertRefused("schedules:\n  - { name: q, job: close, cron: \"0 0 6 5 1 ?\", zone: UTC, paused: yes }\n",
                "s.yml: schedules[0] (q).paused: must be true or false, not 'yes'");
        assertRefused("schedules:\n  - { name: q, job: close, cron: \"0 0 6 5 1 ?\", zone: UTC, every: day }\n",
                "s.yml: schedules[0].every: unknown key 'every'; expected one of name, job, cron, zone, paused");
        assertRefused("schedules:\n  - { name: q, job: close, cron: \"0 0 6 5 1 ?\", zone: UTC }\nschedules: []\n",
                "s.yml: is not valid YAML");
    }

    @Test
    void explainsQuartzCronExpressions() {
        // a Unix cron has no seconds field
        assertRefused(cron("0 6 5 1,4,7,10 *"), "s.yml: schedules[0] (q).cron: '0 6 5 1,4,7,10 *' has 5 fields; a"
                + " Quartz cron has 6 or 7, seconds first: sec min hour day-of-month month day-of-week [year], e.g."
                + " \"0 0 6 5 1,4,7,10 ?\"");
        assertRefused(cron("0 0 6 5 1,4,7,10 *"), "s.yml: schedules[0] (q).cron: '0 0 6 5 1,4,7,10 *' is not a"
                + " valid Quartz cron expression: Support for specifying both a day-of-week AND a day-of-month"
                + " parameter is not implemented.");
        assertRefused(cron("0 0 25 5 1 ?"), "s.yml: schedules[0] (q).cron: '0 0 25 5 1 ?' is not a valid Quartz"
                + " cron expression: Hour values must be between 0 and 23");
        assertRefused(cron("0 0 6 5 1 ? 2020"), "s.yml: schedules[0] (q).cron: '0 0 6 5 1 ? 2020' never fires"
                + " again after 2026-11-23");
        assertRefused("schedules:\n  - { name: q, job: close, cron: 5, zone: UTC }\n",
                "s.yml: schedules[0] (q).cron: must be a Quartz cron expression in quotes such as \"0 0 6 5 1,4,7,10"
                        + " ?\", not 5");
        assertRefused("schedules:\n  - name: q\n    job: close\n    cron: * * * * * ?\n    zone: UTC\n",
                "s.yml: is not valid YAML at line 4, column 12: unexpected character found  (32) (while scanning an"
                        + " alias); quote cron expressions: cron: \"* * * * * ?\"");
    }

    @Test
    void aMissingFileNamesWhereItWasLookedForAndTheProperty() {
        assertThatThrownBy(() -> loader.load(dir.resolve("schedule.yml")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no schedules: the file " + dir.resolve("schedule.yml") + " does not exist (its location"
                        + " is the property period-close.schedule)");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        assertThatThrownBy(() -> loader.parse("s.yml", new byte[]{'s', ':', ' ', (byte) 0xC3, '\n'}, NOW))
                .isInstanceOf(BadInputException.class).hasMessage("s.yml: is not valid UTF-8 text");
    }

    private static String cron(String cron) {
        return "schedules:\n  - { name: q, job: close, cron: \"" + cron + "\", zone: UTC }\n";
    }

    private List<ScheduleDefinition> parse(String yaml) {
        return loader.parse("s.yml", yaml.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }

    private static List<LocalDateTime> fireTimes(String cron, int count) throws Exception {
        CronExpression expression = new CronExpression(cron);
        expression.setTimeZone(TimeZone.getTimeZone(MOSCOW));
        Date at = Date.from(LocalDate.of(2026, 11, 23).atStartOfDay(MOSCOW).toInstant());
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at = expression.getNextValidTimeAfter(at);
            times.add(LocalDateTime.ofInstant(at.toInstant(), MOSCOW));
        }
        return times;
    }
}
