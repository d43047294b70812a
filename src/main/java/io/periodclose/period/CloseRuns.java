package io.periodclose.period;

import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Close runs and the programme snapshot each one used: restarts and explanations read the stored copy. */
@Repository
public class CloseRuns {

    private static final String COLUMNS = "id, period, sequence, business_date, program_sha256, reclose";

    private final JdbcTemplate jdbc;
    private final ProgramLoader programLoader;

    public CloseRuns(JdbcTemplate jdbc, ProgramLoader programLoader) {
        this.jdbc = jdbc;
        this.programLoader = programLoader;
    }

    public CloseRun create(Quarter quarter, int sequence, LocalDate businessDate, LoadedProgram program) {
        return create(quarter, sequence, sequence > 0, businessDate, program);
    }

    public CloseRun create(Quarter quarter, int sequence, boolean reclose, LocalDate businessDate,
                           LoadedProgram program) {
        jdbc.update("INSERT INTO program_snapshot (sha256, program_id, year, content) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (sha256) DO NOTHING", program.sha256(), program.program().id(),
                program.program().year(), program.text());
        Long id = jdbc.queryForObject("""
                INSERT INTO close_run (period, sequence, reclose, business_date, program_sha256)
                VALUES (?, ?, ?, ?, ?) RETURNING id""", Long.class, quarter.toString(), sequence, reclose,
                businessDate, program.sha256());
        return new CloseRun(id, quarter, sequence, businessDate, program.sha256(), reclose);
    }

    public CloseRun get(long id) {
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM close_run WHERE id = ?", CloseRuns::run, id);
    }

    public Optional<CloseRun> find(Quarter quarter, int sequence) {
        List<CloseRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM close_run WHERE period = ? AND sequence = ?",
                CloseRuns::run, quarter.toString(), sequence);
        return runs.stream().findFirst();
    }

    /** The quarter's latest close run, finished or not: the close or its latest re-close. */
    public Optional<CloseRun> latest(Quarter quarter) {
        int latest = nextSequence(quarter) - 1;
        return latest < 0 ? Optional.empty() : find(quarter, latest);
    }

    /** The latest close run of a quarter that completed, whose figures the reports show. */
    public Optional<CloseRun> latestCompleted(Quarter quarter) {
        List<Long> ids = jdbc.queryForList("SELECT last_run_id FROM period_close WHERE period = ?", Long.class,
                quarter.toString());
        return ids.stream().findFirst().map(this::get);
    }

    public int nextSequence(Quarter quarter) {
        Integer max = jdbc.queryForObject("SELECT max(sequence) FROM close_run WHERE period = ?", Integer.class,
                quarter.toString());
        return max == null ? 0 : max + 1;
    }

    private static CloseRun run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CloseRun(rs.getLong(1), Quarter.parse(rs.getString(2)), rs.getInt(3),
                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getBoolean(6));
    }

    /** The exact programme a run used, parsed again from its stored copy. */
    public LoadedProgram program(CloseRun run) {
        String text = jdbc.queryForObject("SELECT content FROM program_snapshot WHERE sha256 = ?", String.class,
                run.programSha256());
        return programLoader.parse("programme snapshot " + run.programSha256(), text.getBytes(StandardCharsets.UTF_8),
                run.quarter().year());
    }
}
