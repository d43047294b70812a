package io.periodclose.statement;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.files.UnsafePathException;
import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The statements written so far, per period, as finance browses and downloads them. Only files the books know of
 * are ever handed out, only from inside their period's folder, and only with the SHA-256 recorded when written.
 */
@Repository
public class StatementCatalog {

    public record PeriodSummary(String period, int statements, int refused, int latestVersion,
                                OffsetDateTime lastWritten, boolean manifest) {
    }

    public record Entry(String period, String distributor, String name, int version, String file, String sha256,
                        String closingBalance, String currency, String problem, long jobExecutionId) {
    }

    private final JdbcTemplate jdbc;
    private final Path out;

    public StatementCatalog(JdbcTemplate jdbc, PeriodCloseProperties properties) {
        this.jdbc = jdbc;
        this.out = properties.out();
    }

    public List<PeriodSummary> periods() {
        return jdbc.query("""
                SELECT period, count(file), count(problem), max(version), max(written_at)
                  FROM statement GROUP BY period ORDER BY period DESC""", (rs, n) -> new PeriodSummary(
                rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getObject(5, OffsetDateTime.class),
                Files.isRegularFile(manifestOf(rs.getString(1)))));
    }

    private static final String ENTRIES = """
            SELECT s.period, s.distributor_code, d.name, s.version, s.file, s.sha256, s.closing_balance, s.currency,
                   s.problem, s.job_execution_id
              FROM statement s LEFT JOIN distributor d ON d.code = s.distributor_code
            """;
    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
            rs.getBigDecimal(7) == null ? null : Currencies.format(rs.getBigDecimal(7), rs.getString(8)),
            rs.getString(8), rs.getString(9), rs.getLong(10));

    public List<Entry> statements(String period) {
        return jdbc.query(ENTRIES + " WHERE s.period = ? ORDER BY s.distributor_code COLLATE \"C\", s.version DESC",
                ENTRY, period);
    }

    /** The statements of one distributor, newest period first. */
    public List<Entry> statementsOf(String distributor) {
        return jdbc.query(ENTRIES + " WHERE s.distributor_code = ? ORDER BY s.period DESC, s.version DESC", ENTRY,
                distributor);
    }

    /** A statement's PDF as it may be served: its name and the bytes read once, checked against the books. */
    public record VerifiedFile(String fileName, byte[] bytes) {
    }

    /** A statement file the books list but that must not be served: outside its folder, or not what was written. */
    public static class RefusedFile extends RefusedException {
        public RefusedFile(String message) {
            super(message);
        }
    }

    /**
     * A statement's PDF, when the books list a file of that name for the period and it is on disk; refused
     * ({@link RefusedFile}) when its path would leave the period's folder (a row written before codes were
     * restricted) or its SHA-256 is not the one recorded when it was written. The bytes checked are the bytes
     * served: the file is read once.
     */
    public Optional<VerifiedFile> file(String period, String fileName) {
        List<String> recorded = jdbc.queryForList(
                "SELECT sha256 FROM statement WHERE period = ? AND file = ? ORDER BY version DESC", String.class,
                period, fileName);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = StatementFiles.file(StatementFiles.directory(out, period), fileName);
        } catch (UnsafePathException e) {
            throw new RefusedFile("statement " + period + "/" + fileName + " is not served: " + e.getMessage());
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String actual = StatementFiles.sha256(bytes);
        if (!actual.equals(recorded.get(0))) {
            throw new RefusedFile("statement " + period + "/" + fileName + " is not served: its SHA-256 " + actual
                    + " differs from the " + recorded.get(0) + " recorded when it was written (the file was changed"
                    + " on disk)");
        }
        return Optional.of(new VerifiedFile(file.getFileName().toString(), bytes));
    }

    /** The period's manifest.csv, when written and the period has statements. */
    public Optional<Path> manifest(String period) {
        Integer known = jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ?", Integer.class, period);
        if (known == null || known == 0) {
            return Optional.empty();
        }
        Path manifest = manifestOf(period);
        return Files.isRegularFile(manifest) ? Optional.of(manifest) : Optional.empty();
    }

    /** The year's programme report (the year-end's last step), when the period is a year and it was written. */
    public Optional<Path> programmeReport(String period) {
        if (!period.matches("[0-9]{4}")) {
            return Optional.empty();
        }
        Path report = StatementFiles.file(StatementFiles.directory(out, period), StatementFiles.PROGRAMME_REPORT);
        return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    }

    private Path manifestOf(String period) {
        return StatementFiles.file(StatementFiles.directory(out, period), "manifest.csv");
    }
}
