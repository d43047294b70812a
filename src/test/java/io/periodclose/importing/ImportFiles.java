package io.periodclose.importing;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the import tests do with a file: write it from a string, import it, and read back its rejects. */
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

    /** The import's rejects by line, in line order. */
    static Map<Long, String> rejects(JdbcTemplate jdbc, ImportSummary summary) {
        Map<Long, String> rejects = new LinkedHashMap<>();
        jdbc.query("SELECT line_no, reason FROM import_reject WHERE import_id = ? ORDER BY line_no",
                rs -> {
                    rejects.put(rs.getLong(1), rs.getString(2));
                }, summary.importId());
        return rejects;
    }

    /**
     * Imports {@code file} as sales lines while the database refuses to store any line of document INV5, as if the
     * disk had filled up: the chunk holding it fails, and with it the import.
     */
    static ImportSummary importWhileInv5CannotBeStored(ImportService imports, JdbcTemplate jdbc, Path file)
            throws Exception {
        jdbc.execute("""
                CREATE FUNCTION refuse_inv5() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.document_no = 'INV5' THEN RAISE EXCEPTION 'no space left on device'; END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_inv5 BEFORE INSERT ON sales_line FOR EACH ROW EXECUTE FUNCTION refuse_inv5()");
        try {
            return imports.importFile(ImportKind.SALES, file);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_inv5 ON sales_line");
            jdbc.execute("DROP FUNCTION refuse_inv5()");
        }
    }
}
