package io.periodclose.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Whether the database's schema is exactly what this build's migrations make of it, decided without starting
 * Flyway: the report commands then skip Flyway's start-up, and any doubt sends them to the full application,
 * which migrates (and validates) as every other command does.
 *
 * <p>"Current" means: {@code flyway_schema_history} holds one successful row for every versioned migration
 * packaged in the jar, with the same version, script name and checksum, no failed row and no other version. A
 * database one migration behind, a migration edited after it was applied, a baseline, a repeatable migration or
 * any Flyway setting other than the locations all answer "not current".
 */
final class SchemaCheck {

    private static final Logger log = LoggerFactory.getLogger(SchemaCheck.class);
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");
    private static final List<String> SETTINGS_THAT_NEED_FLYWAY = List.of("spring.flyway.table",
            "spring.flyway.schemas", "spring.flyway.default-schema", "spring.flyway.baseline-on-migrate",
            "spring.flyway.sql-migration-prefix", "spring.flyway.sql-migration-suffixes", "spring.flyway.url",
            "spring.flyway.user", "spring.flyway.placeholders", "spring.flyway.target", "spring.flyway.enabled");

    private SchemaCheck() {
    }

    static boolean isCurrent(JdbcTemplate jdbc, Environment environment) {
        try {
            for (String setting : SETTINGS_THAT_NEED_FLYWAY) {
                if (environment.containsProperty(setting)) {
                    log.debug("{} is set: leaving the schema to Flyway", setting);
                    return false;
                }
            }
            Map<String, Migration> packaged = packagedMigrations(
                    environment.getProperty("spring.flyway.locations", "classpath:db/migration"));
            if (packaged == null || packaged.isEmpty()) {
                return false;
            }
            Boolean exists = jdbc.queryForObject("SELECT to_regclass('flyway_schema_history') IS NOT NULL", Boolean.class);
            if (!Boolean.TRUE.equals(exists)) {
                return false;
            }
            Map<String, Migration> applied = new HashMap<>();
            boolean[] clean = {true};
            jdbc.query("SELECT version, script, checksum, success, type FROM flyway_schema_history", rs -> {
                String version = rs.getString(1);
                if (!rs.getBoolean(4) || version == null || !"SQL".equals(rs.getString(5))) {
                    clean[0] = false; // a failed migration, a repeatable one, a baseline, a schema marker...
                    return;
                }
                Integer checksum = (Integer) rs.getObject(3);
                if (applied.put(version, new Migration(rs.getString(2), checksum)) != null) {
                    clean[0] = false;
                }
            });
            boolean current = clean[0] && applied.equals(packaged);
            if (!current) {
                log.debug("The schema is not current ({} applied, {} packaged): starting Flyway", applied.keySet(),
                        packaged.keySet());
            }
            return current;
        } catch (IOException | RuntimeException e) {
            log.debug("Could not decide whether the schema is current, leaving it to Flyway: {}", e.toString());
            return false;
        }
    }

    /** Version to script and checksum; null when a location or a file is one this check does not understand. */
    static Map<String, Migration> packagedMigrations(String locations) throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(SchemaCheck.class.getClassLoader());
        Map<String, Migration> migrations = new HashMap<>();
        for (String location : locations.split(",")) {
            location = location.trim();
            if (!location.startsWith("classpath:")) {
                return null;
            }
            String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            for (Resource resource : resolver.getResources("classpath*:" + folder + "/**/*")) {
                String name = resource.getFilename();
                if (name == null || !resource.isReadable()) {
                    continue;
                }
                Matcher versioned = VERSIONED.matcher(name);
                if (!versioned.matches()) {
                    if (name.endsWith(".sql") || name.endsWith(".java") || name.endsWith(".class")) {
                        return null; // a repeatable, undo or Java migration: Flyway decides
                    }
                    continue;
                }
                String version = versioned.group(1).replace('_', '.');
                if (migrations.put(version, new Migration(name, checksum(resource))) != null) {
                    return null;
                }
            }
        }
        return migrations;
    }

    /** Flyway's checksum of an SQL migration: CRC32 of its lines without line breaks, a leading BOM dropped. */
    static int checksum(Resource resource) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    record Migration(String script, Integer checksum) {
    }
}
