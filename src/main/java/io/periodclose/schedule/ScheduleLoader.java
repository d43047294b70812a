package io.periodclose.schedule;

import io.periodclose.BadInputException;
import io.periodclose.YamlDocument;
import org.quartz.CronExpression;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * Reads {@code jobs/schedule.yml} into validated {@link ScheduleDefinition}s. Every problem becomes a
 * {@link BadInputException} reading {@code <file>: <key>: <problem>}, keys written as paths
 * ({@code schedules[1].cron} is the second schedule's cron). Stateless; plain {@code new ScheduleLoader()} works.
 */
public final class ScheduleLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            // a key written twice would otherwise silently keep the last value
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<String> ROOT_KEYS = List.of("schedules");
    private static final List<String> SCHEDULE_KEYS = List.of("name", "job", "cron", "zone", "paused");
    /** Names are Quartz keys, words in the audit trail and parts of URLs: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public List<ScheduleDefinition> load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no schedules: the file " + file.toAbsolutePath().normalize()
                    + " does not exist (its location is the property period-close.schedule)", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes, Instant.now());
    }

    /** Parses and validates the file's bytes; {@code source} names them in messages, {@code now} dates the crons. */
    public List<ScheduleDefinition> parse(String source, byte[] bytes, Instant now) {
        // an unquoted cron starting with * reads as a YAML alias
        String text = YamlDocument.decodeUtf8(source, bytes);
        return new Parser(source, now).parse(YamlDocument.readOne(YAML, source, text, "a schedule file",
                "quote cron expressions: cron: \"* * * * * ?\""));
    }

    private static final class Parser {

        private final String source;
        private final Instant now;

        Parser(String source, Instant now) {
            this.source = source;
            this.now = now;
        }

        List<ScheduleDefinition> parse(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw bad("", "the file is empty; expected the key schedules (write schedules: [] for none)");
            }
            mapping(root, "", ROOT_KEYS);
            JsonNode list = root.get("schedules");
            if (list == null || list.isNull()) {
                throw bad("schedules", "is missing (required; write schedules: [] for none)");
            }
            if (!list.isArray()) {
                throw bad("schedules", "must be a list of schedules (write [] for none), not " + describe(list));
            }
            List<ScheduleDefinition> schedules = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ScheduleDefinition schedule = schedule(list.get(i), "schedules[" + i + "]");
                if (schedules.stream().anyMatch(s -> s.name().equals(schedule.name()))) {
                    throw bad("schedules[" + i + "].name", "'" + schedule.name() + "' is used by an earlier schedule;"
                            + " names must be unique");
                }
                schedules.add(schedule);
            }
            return List.copyOf(schedules);
        }

        private ScheduleDefinition schedule(JsonNode node, String path) {
            mapping(node, path, SCHEDULE_KEYS);
            JsonNode nameNode = required(node, path, "name");
            if (!nameNode.isString() || !NAME.matcher(nameNode.stringValue()).matches()) {
                throw bad(path + ".name", "must be a name such as quarter-close (lower-case letters, digits and '-',"
                        + " at most 63), not " + describe(nameNode));
            }
            String name = nameNode.stringValue();
            String at = path + " (" + name + ")";
            JsonNode jobNode = required(node, at, "job");
            Optional<ScheduleJob> known = jobNode.isString() ? ScheduleJob.ofKey(jobNode.stringValue())
                    : Optional.empty();
            ScheduleJob job = known.orElseThrow(() -> bad(at + ".job", "must be close (the latest ended quarter)"
                    + " or expire (the previous year's year-end), not " + describe(jobNode)));
            ZoneId zone = zone(required(node, at, "zone"), at + ".zone");
            String cron = cron(required(node, at, "cron"), at + ".cron", zone);
            JsonNode pausedNode = node.get("paused");
            if (pausedNode != null && !pausedNode.isBoolean()) {
                throw bad(at + ".paused", "must be true or false, not " + describe(pausedNode));
            }
            return new ScheduleDefinition(name, job, cron, zone, pausedNode != null && pausedNode.booleanValue());
        }

        private ZoneId zone(JsonNode node, String path) {
            try {
                if (node.isString()) {
                    return ZoneId.of(node.stringValue().strip());
                }
            } catch (DateTimeException e) {
                // reported below
            }
            throw bad(path, "must be a time zone such as Europe/Moscow or UTC, not " + describe(node));
        }

        private String cron(JsonNode node, String path, ZoneId zone) {
            if (!node.isString() || node.stringValue().isBlank()) {
                throw bad(path, "must be a Quartz cron expression in quotes such as \"0 0 6 5 1,4,7,10 ?\", not "
                        + describe(node));
            }
            String cron = node.stringValue().strip().replaceAll("\\s+", " ");
            int fields = cron.split(" ").length;
            if (fields < 6 || fields > 7) {
                throw bad(path, "'" + cron + "' has " + fields + " fields; a Quartz cron has 6 or 7, seconds first:"
                        + " sec min hour day-of-month month day-of-week [year], e.g. \"0 0 6 5 1,4,7,10 ?\""
                        + " (06:00 on the 5th of January, April, July and October)");
            }
            CronExpression expression;
            try {
                expression = new CronExpression(cron);
            } catch (ParseException e) {
                throw bad(path, "'" + cron + "' is not a valid Quartz cron expression: " + e.getMessage()
                        + " (sec min hour day-of-month month day-of-week [year]; one of the two days must be '?')");
            }
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            if (expression.getNextValidTimeAfter(Date.from(now)) == null) {
                throw bad(path, "'" + cron + "' never fires again after " + now.atZone(zone).toLocalDate());
            }
            return cron;
        }

        private void mapping(JsonNode node, String path, List<String> allowed) {
            if (node == null || !node.isObject()) {
                throw bad(path, "must be a mapping with the keys " + String.join(", ", allowed) + ", not "
                        + describe(node));
            }
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    throw bad(child(path, key), "unknown key '" + key + "'; expected one of "
                            + String.join(", ", allowed));
                }
            }
        }

        private JsonNode required(JsonNode mapping, String path, String key) {
            JsonNode value = mapping.get(key);
            if (value == null || value.isNull()) {
                throw bad(child(path, key), "is missing (required)");
            }
            return value;
        }

        private static String child(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return "empty";
            }
            if (node.isString()) {
                return "'" + node.stringValue() + "'";
            }
            if (node.isArray()) {
                return "a list";
            }
            return node.isObject() ? "a mapping" : node.toString();
        }

        private BadInputException bad(String path, String problem) {
            return new BadInputException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        }
    }
}
