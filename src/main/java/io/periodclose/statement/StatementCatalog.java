package io.periodclose.statement;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The statements written so far, per period, as finance browses and downloads them. Only files the books know of
 * are ever handed out, so a request can never reach outside the statements folder.
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

    /** A statement's PDF, when the books list a file of that name for the period and it is on disk. */
    public Optional<Path> file(String period, String fileName) {
        Integer known = jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ? AND file = ?",
                Integer.class, period, fileName);
        if (known == null || known == 0) {
            return Optional.empty();
        }
        Path file = StatementFiles.directory(out, period).resolve(fileName);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The period's manifest.csv, when written and the period has statements. */
    public Optional<Path> manifest(String period) {
        Integer known = jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ?", Integer.class, period);
        Path manifest = manifestOf(period);
        return known != null && known > 0 && Files.isRegularFile(manifest) ? Optional.of(manifest) : Optional.empty();
    }

    private Path manifestOf(String period) {
        return StatementFiles.directory(out, period).resolve("manifest.csv");
    }
}
