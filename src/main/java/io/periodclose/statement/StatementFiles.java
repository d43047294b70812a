package io.periodclose.statement;

import io.periodclose.csv.SafeCsv;
import io.periodclose.files.ContainedPath;
import io.periodclose.files.SafeFileName;
import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Statement files under {@code <out>/statements/<period>/}: written to a temporary name and moved into place, so a
 * reader (or a crash) never sees half a PDF under the final name. A re-close's statements get a version suffix
 * ({@code D0042.r1.pdf}) and never replace the earlier ones; {@code manifest.csv} lists the latest per distributor.
 * A code or period that is not safe as a file name (rows imported before codes were restricted) is escaped
 * ({@link SafeFileName}), and every path is checked to stay inside its folder ({@link ContainedPath}).
 */
@Component
public class StatementFiles {

    private final JdbcTemplate jdbc;

    public StatementFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The year's programme report beside its annual statements ({@code <out>/statements/<year>/}). */
    public static final String PROGRAMME_REPORT = "programme-report.pdf";

    /** The version suffix {@link #fileName} appends: a code that itself ends this way is escaped. */
    private static final Pattern VERSION_ENDING = Pattern.compile("\\.r[0-9]+$");

    public static Path directory(Path out, String period) {
        return ContainedPath.resolve(out, "statements", SafeFileName.escape(period));
    }

    /** The statement's file name, never a path: {@code D0042.pdf}, {@code D0042.r1.pdf}, {@code ~2E.~2Fx.pdf}. */
    public static String fileName(String distributor, int version) {
        String name = SafeFileName.escape(distributor, VERSION_ENDING);
        return version == 0 ? name + ".pdf" : name + ".r" + version + ".pdf";
    }

    /** A file of the period's folder, refused when the name would leave it. */
    public static Path file(Path directory, String fileName) {
        return ContainedPath.resolve(directory, fileName);
    }

    /** Writes the bytes atomically and returns their SHA-256. */
    public static String write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sha256(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code manifest.csv}: code, file, sha256, closing balance of the latest statement of each distributor. */
    public Path writeManifest(Path out, String period) {
        Path directory = directory(out, period);
        Path manifest = file(directory, "manifest.csv");
        Path partial = file(directory, "manifest.csv.partial");
        try {
            Files.createDirectories(directory);
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                 SafeCsv csv = SafeCsv.printer(writer, "code", "file", "sha256", "closing_balance")) {
                jdbc.query("""
                        SELECT * FROM (SELECT DISTINCT ON (distributor_code) distributor_code, file, sha256,
                                              closing_balance, currency
                                         FROM statement WHERE period = ? AND file IS NOT NULL
                                        ORDER BY distributor_code, version DESC) latest
                         ORDER BY distributor_code COLLATE "C\"""", rs -> {
                    csv.record(rs.getString(1), rs.getString(2), rs.getString(3),
                            SafeCsv.number(Currencies.format(rs.getBigDecimal(4), rs.getString(5))));
                }, period);
            }
            Files.move(partial, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        }
    }
}
