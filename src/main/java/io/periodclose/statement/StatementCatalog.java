package io.periodclose.statement;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.files.UnsafePathException;
import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
                Files.isRegularFile(manifestOf(rs.getString(1)), LinkOption.NOFOLLOW_LINKS)));
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

    /** A file as it may be served: its name and the bytes read once (a statement's checked against the books). */
    public record VerifiedFile(String fileName, byte[] bytes) {
    }

    /**
     * A file under {@code --out} that must not be served: outside its folder, reached through a symbolic link, or
     * (a statement) not what was written.
     */
    public static class RefusedFile extends RefusedException {
        public RefusedFile(String message) {
            super(message);
        }
    }

    /**
     * A statement's PDF, when the books list a file of that name for the period and it is on disk; refused
     * ({@link RefusedFile}) when its path would leave the period's folder (a row written before codes were
     * restricted), it is a symbolic link, or its SHA-256 is not the one recorded when it was written. The bytes
     * checked are the bytes served: the file is read once.
     */
    public Optional<VerifiedFile> file(String period, String fileName) {
        List<String> recorded = jdbc.queryForList(
                "SELECT sha256 FROM statement WHERE period = ? AND file = ? ORDER BY version DESC", String.class,
                period, fileName);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        String what = "statement " + period + "/" + fileName;
        Optional<VerifiedFile> pdf = served(what, () -> StatementFiles.file(StatementFiles.directory(out, period),
                fileName));
        if (pdf.isEmpty()) {
            return pdf;
        }
        String actual = StatementFiles.sha256(pdf.get().bytes());
        if (!actual.equals(recorded.get(0))) {
            throw new RefusedFile(what + " is not served: its SHA-256 " + actual + " differs from the "
                    + recorded.get(0) + " recorded when it was written (the file was changed on disk)");
        }
        return pdf;
    }

    /** The period's manifest.csv, when written and the period has statements (a link to it is not offered). */
    public Optional<Path> manifest(String period) {
        if (!hasStatements(period)) {
            return Optional.empty();
        }
        Path manifest = manifestOf(period);
        return Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS) ? Optional.of(manifest) : Optional.empty();
    }

    /** The manifest's bytes as they may be served, refused like a statement's when it is a link. */
    public Optional<VerifiedFile> manifestFile(String period) {
        return hasStatements(period) ? served("the manifest of " + period, () -> manifestOf(period))
                : Optional.empty();
    }

    /** The year's programme report (the year-end's last step), when the period is a year and it was written. */
    public Optional<Path> programmeReport(String period) {
        if (!period.matches("[0-9]{4}")) {
            return Optional.empty();
        }
        Path report = programmeReportOf(period);
        return Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS) ? Optional.of(report) : Optional.empty();
    }

    /** The programme report's bytes as they may be served, refused like a statement's when it is a link. */
    public Optional<VerifiedFile> programmeReportFile(String period) {
        return period.matches("[0-9]{4}") ? served("the programme report of " + period,
                () -> programmeReportOf(period)) : Optional.empty();
    }

    private boolean hasStatements(String period) {
        Integer known = jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ?", Integer.class, period);
        return known != null && known > 0;
    }

    private Path programmeReportOf(String period) {
        return StatementFiles.file(StatementFiles.directory(out, period), StatementFiles.PROGRAMME_REPORT);
    }

    private Path manifestOf(String period) {
        return StatementFiles.file(StatementFiles.directory(out, period), "manifest.csv");
    }

    /**
     * Every file served from {@code --out} is read here: inside its folder, with no symbolic link on the way
     * ({@link io.periodclose.files.ContainedPath} refuses linked folders) and not itself a link, which would hand out
     * whatever it points to (a password file) with the download's name. Opened without following links, so a link
     * put in place after the check is refused too. Empty when there is no such regular file.
     */
    private static Optional<VerifiedFile> served(String what, Supplier<Path> location) {
        Path file;
        try {
            file = location.get();
        } catch (UnsafePathException e) {
            throw new RefusedFile(what + " is not served: " + e.getMessage());
        }
        if (Files.isSymbolicLink(file)) {
            throw new RefusedFile(what + " is not served: " + file + " is a symbolic link");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new VerifiedFile(file.getFileName().toString(), in.readAllBytes()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new RefusedFile(what + " is not served: " + file + " is a symbolic link");
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
