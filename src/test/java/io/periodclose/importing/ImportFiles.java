package io.periodclose.importing;

import io.periodclose.support.InjectedFailure;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the import tests do with a file: write it from a string, import it (or import it with a chunk failing in the
 * database), and read back its rejects.
 */
final class ImportFiles {

    private ImportFiles() {
    }

    /** Imports {@code content} as {@code dir/name}; the import must complete and its counts add up. */
    static ImportSummary run(ImportService imports, Path dir, ImportKind kind, String name, String content)
            throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ImportSummary summary = imports.importFile(kind, file);
        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.unchanged());
        return summary;
    }

    /**
     * Writes {@code content} as {@code file} and imports it while every row of {@code table} that matches
     * {@code failingRow} fails in the database ({@link InjectedFailure}); the import must end not completed, for a
     * restart to finish.
     */
    static ImportSummary importFailing(ImportService imports, JdbcTemplate jdbc, ImportKind kind, Path file,
                                       CharSequence content, String table, String failingRow) throws Exception {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ImportSummary failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, table, failingRow)) {
            failed = imports.importFile(kind, file);
        }
        assertThat(failed.completed()).as(failed.describe()).isFalse();
        return failed;
    }

    /** The import's rejects by line, in line order. */
    static Map<Long, String> rejects(JdbcTemplate jdbc, ImportSummary summary) {
        Map<Long, String> rejects = new LinkedHashMap<>();
        jdbc.query("SELECT line_no, reason FROM import_reject WHERE import_id = ? ORDER BY line_no",
                rs -> {
                    rejects.put(rs.getLong(1), rs.getString(2));
                }, summary.importId());
        return rejects;
    }
}
