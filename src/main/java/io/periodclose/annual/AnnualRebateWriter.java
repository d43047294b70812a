package io.periodclose.annual;

import io.periodclose.rebate.AnnualFigures;
import io.periodclose.rebate.AnnualRebateCalculation;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a chunk of annual calculations in {@code annual_rebate}, one row per year and distributor. A partition
 * that is redone after a failure writes its rows again: the upsert replaces them with the same figures, so the
 * table holds one calculation per year whatever the restarts.
 */
public class AnnualRebateWriter implements ItemWriter<AnnualRebateCalculation> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final YearEndProgram.Annual program;
    private final Long jobExecutionId;

    public AnnualRebateWriter(JdbcTemplate jdbc, YearEndProgram.Annual program, Long jobExecutionId) {
        this.jdbc = jdbc;
        this.program = program;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends AnnualRebateCalculation> chunk) {
        List<Object[]> rows = new ArrayList<>(chunk.size());
        for (AnnualRebateCalculation c : chunk) {
            AnnualFigures f = c.figures();
            rows.add(new Object[]{f.year(), f.distributorCode(), f.currency(), f.turnover(), f.target(),
                    c.attainment(), c.rung() == null ? null : c.rung().from(), c.rate(), c.total(), program.sha256(),
                    explanation(c), jobExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO annual_rebate (year, distributor_code, currency, turnover, target_amount, attainment,
                                           rung_from, rate, total, program_sha256, explanation, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?)
                ON CONFLICT (year, distributor_code) DO UPDATE SET
                    currency = excluded.currency, turnover = excluded.turnover,
                    target_amount = excluded.target_amount, attainment = excluded.attainment,
                    rung_from = excluded.rung_from, rate = excluded.rate, total = excluded.total,
                    program_sha256 = excluded.program_sha256, explanation = excluded.explanation,
                    job_execution_id = excluded.job_execution_id""", rows);
    }

    /** What the statement and finance need to say why: the figures, the rung, and the next rung with what it lacked. */
    String explanation(AnnualRebateCalculation c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("program", program.programId());
        root.put("turnover", plain(c.figures().turnover()));
        root.put("target", plain(c.figures().target()));
        root.put("attainment", plain(c.attainment()));
        root.put("rungFrom", c.rung() == null ? null : plain(c.rung().from()));
        root.put("rate", plain(c.rate()));
        root.put("total", plain(c.total()));
        root.put("creditDate", c.creditDate().toString());
        if (c.nextRung() != null) {
            root.put("nextRungFrom", plain(c.nextRung().rung().from()));
            root.put("nextRungRate", plain(c.nextRung().rung().rate()));
            root.put("turnoverNeeded", plain(c.nextRung().turnoverNeeded()));
        }
        root.put("explanation", c.explanation());
        return JSON.writeValueAsString(root);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
