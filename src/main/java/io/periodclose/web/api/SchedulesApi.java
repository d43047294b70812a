package io.periodclose.web.api;

import io.periodclose.schedule.ScheduleView;
import io.periodclose.schedule.ScheduleActions;
import io.periodclose.web.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/api/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schedules", description = "The schedules of jobs/schedule.yml")
class SchedulesApi {

    private final ScheduleActions schedules;

    SchedulesApi(ScheduleActions schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    @Operation(summary = "Each schedule: job, cron, zone, state, next and previous fire time, latest firing")
    List<ScheduleView> list() {
        return schedules.list();
    }

    @PostMapping("/{name}/pause")
    @Operation(summary = "Pause a schedule (OPERATOR)")
    List<ScheduleView> pause(@PathVariable String name, Authentication user) {
        schedules.pause(Actors.api(user), name);
        return schedules.list();
    }

    @PostMapping("/{name}/resume")
    @Operation(summary = "Resume a paused schedule (OPERATOR)")
    List<ScheduleView> resume(@PathVariable String name, Authentication user) {
        schedules.resume(Actors.api(user), name);
        return schedules.list();
    }

    @PostMapping("/{name}/trigger")
    @Operation(summary = "Fire a schedule once, now (OPERATOR); its launch is audited like a scheduled one")
    List<ScheduleView> trigger(@PathVariable String name, Authentication user) {
        schedules.triggerNow(Actors.api(user), name);
        return schedules.list();
    }
}
