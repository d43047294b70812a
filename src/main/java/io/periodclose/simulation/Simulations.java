package io.periodclose.simulation;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The simulations and the programme copies each one calculated with. */
@Repository
public class Simulations {

    private static final String COLUMNS = """
            id, period, draft_program_id, draft_sha256, draft_source, close_run_id, current_program_id, username,
            channel, started_at, job_execution_id""";

    private static final RowMapper<Simulation> ROW = (rs, n) -> new Simulation(rs.getLong(1),
            Quarter.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getObject(6, Long.class), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getObject(10, OffsetDateTime.class), rs.getObject(11, Long.class));

    private final JdbcTemplate jdbc;
    private final ProgramLoader programLoader;

    public Simulations(JdbcTemplate jdbc, ProgramLoader programLoader) {
        this.jdbc = jdbc;
        this.programLoader = programLoader;
    }

    public Simulation create(Quarter quarter, LoadedProgram draft, Long closeRunId, LoadedProgram current,
                             String username, String channel) {
        Long id = jdbc.queryForObject("""
                INSERT INTO simulation (period, draft_program_id, draft_sha256, draft_source, draft_content,
                                        close_run_id, current_program_id, current_sha256, current_content,
                                        username, channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, quarter.toString(),
                draft.program().id(), draft.sha256(), draft.source(), draft.text(), closeRunId,
                current == null ? null : current.program().id(), current == null ? null : current.sha256(),
                current == null ? null : current.text(), username, channel);
        return get(id);
    }

    public Simulation get(long id) {
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM simulation WHERE id = ?", ROW, id);
    }

    public Optional<Simulation> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM simulation WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<Simulation> newestFirst(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM simulation ORDER BY id DESC LIMIT ?", ROW, limit);
    }

    public void executedAs(long id, long jobExecutionId) {
        jdbc.update("UPDATE simulation SET job_execution_id = ? WHERE id = ?", jobExecutionId, id);
    }

    /** The programmes stored with the simulation, validated again as when it began. */
    public SimulationPrograms programs(Simulation simulation) {
        var row = jdbc.queryForMap("SELECT draft_content, current_content FROM simulation WHERE id = ?",
                simulation.id());
        int year = simulation.quarter().year();
        BonusProgram draft = parse("simulation " + simulation.id() + " draft", (String) row.get("draft_content"),
                year);
        String current = (String) row.get("current_content");
        return new SimulationPrograms(draft, Optional.ofNullable(current)
                .map(text -> parse("simulation " + simulation.id() + " programme in force", text, year)));
    }

    private BonusProgram parse(String source, String text, int year) {
        return programLoader.parse(source, text.getBytes(StandardCharsets.UTF_8), year).program();
    }
}
