package io.periodclose.annual;

import io.periodclose.program.AnnualRebate;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The programme a year-end job uses for the annual rebate: read from the programmes directory when the job is
 * launched, stored as a snapshot like a close's, and named by its SHA-256 in a job parameter, so that a restart (or a
 * worker process) applies exactly the same rules even if the file changed meanwhile.
 */
@Repository
public class YearEndProgram {

    /** Non-identifying job parameter of the year-end job: the SHA-256 of the programme snapshot it uses. */
    public static final String PARAMETER = "program.sha256";

    /** The annual rule of a stored programme, with the programme's id and hash; {@code rule} empty without one. */
    public record Annual(String programId, String sha256, Optional<AnnualRebate> rule) {
        public static final Annual NONE = new Annual(null, null, Optional.empty());
    }

    private final JdbcTemplate jdbc;
    private final ProgramLoader programLoader;

    public YearEndProgram(JdbcTemplate jdbc, ProgramLoader programLoader) {
        this.jdbc = jdbc;
        this.programLoader = programLoader;
    }

    /** Keeps a copy of the programme; returns its hash. */
    public String store(LoadedProgram program) {
        jdbc.update("INSERT INTO program_snapshot (sha256, program_id, year, content) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (sha256) DO NOTHING", program.sha256(), program.program().id(),
                program.program().year(), program.text());
        return program.sha256();
    }

    /**
     * The annual rule of the snapshot {@code sha256}; none when the parameter is missing (a year-end job launched by
     * a release without the annual rebate).
     */
    public Annual annual(String sha256, int year) {
        if (sha256 == null || sha256.isBlank()) {
            return Annual.NONE;
        }
        List<String> content = jdbc.queryForList("SELECT content FROM program_snapshot WHERE sha256 = ?", String.class,
                sha256);
        if (content.isEmpty()) {
            throw new IllegalStateException("the programme snapshot " + sha256 + " of the year-end job is missing");
        }
        LoadedProgram program = programLoader.parse("programme snapshot " + sha256,
                content.get(0).getBytes(StandardCharsets.UTF_8), year);
        return new Annual(program.program().id(), sha256, program.program().annual());
    }
}
