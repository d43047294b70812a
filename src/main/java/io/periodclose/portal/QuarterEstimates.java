package io.periodclose.portal;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import io.periodclose.rebate.RebateCalculation;
import io.periodclose.rebate.RebateCalculator;
import io.periodclose.rebate.TopPerformerPlaces;
import io.periodclose.rebate.TurnoverFigures;
import io.periodclose.turnover.TurnoverExtract;
import io.periodclose.turnover.TurnoverRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "If the quarter closed today": a distributor's bonus for a quarter still open, from the sales lines imported so
 * far. Nothing here knows a rule: the figures come from the close's own aggregate ({@link TurnoverExtract#aggregate},
 * early payments included) over every distributor, ranked for the top performers of each tier by the close's
 * {@link TopPerformerPlaces}, and the bonus from {@link RebateCalculator} with the programme file of the quarter's
 * year, as a close launched now would read it. So an estimate of a closed quarter, computed as if it were open, is
 * the close's bonus to the cent (unless sales lines arrived after the close).
 *
 * <p>The aggregate reads two quarters of sales lines for the whole tier ranking, so the figures of all
 * distributors are kept for {@link #FRESH} and computed again sooner when a new import has run.
 */
@Service
public class QuarterEstimates {

    /** How long the figures of one quarter are reused while no import runs. */
    static final Duration FRESH = Duration.ofMinutes(5);

    /** The estimate of one distributor: the bonus as the calculator gives it, and the latest sales import. */
    public record Estimate(Quarter quarter, String programId, RebateCalculation calculation,
                           OffsetDateTime latestImport) {
    }

    private record Cached(String key, long computed, Map<String, TurnoverFigures> figures) {
    }


    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProgramLoader programs;
    private final PeriodCloseProperties properties;
    private final Map<Quarter, Cached> cache = new HashMap<>();

    public QuarterEstimates(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ProgramLoader programs,
                            PeriodCloseProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.programs = programs;
        this.properties = properties;
    }

    /** The estimate for {@code distributor} in {@code quarter}; empty without a programme of its year. */
    public Optional<Estimate> estimate(String distributor, Quarter quarter) {
        if (!Files.exists(ProgramLoader.fileFor(properties.programs(), quarter.year()))) {
            return Optional.empty();
        }
        LoadedProgram loaded = programs.load(properties.programs(), quarter.year());
        Long latestImportId = jdbc.queryForObject("SELECT max(id) FROM import_run", Long.class);
        String key = loaded.sha256() + "/" + latestImportId;
        Map<String, TurnoverFigures> figures;
        synchronized (cache) {
            Cached cached = cache.get(quarter);
            boolean stale = cached == null || !cached.key().equals(key)
                    || System.nanoTime() - cached.computed() > FRESH.toNanos();
            if (stale) {
                cached = new Cached(key, System.nanoTime(), figuresOfAll(loaded.program(), quarter));
                cache.put(quarter, cached);
            }
            figures = cached.figures();
        }
        OffsetDateTime latestImport = jdbc.queryForObject(
                "SELECT max(started_at) FROM import_run WHERE kind = 'SALES'", OffsetDateTime.class);
        return Optional.ofNullable(figures.get(distributor)).map(own -> new Estimate(quarter, loaded.program().id(),
                RebateCalculator.calculate(loaded.program(), own), latestImport));
    }

    /** Drops the kept figures: the next estimate computes them again (sales written without an import, in tests). */
    void forget() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /**
     * Every distributor's figures of {@code quarter} as the close's extract step would store them now, places
     * included: one transaction, temporary tables only.
     */
    public Map<String, TurnoverFigures> figuresOfAll(BonusProgram program, Quarter quarter) {
        List<TurnoverFigures> rows = transaction.execute(status -> {
            TurnoverExtract.aggregate(jdbc, program, quarter, properties.extractParallelWorkers());
            return jdbc.query("""
                    SELECT code, currency, tier, target_amount, turnover, last_year, promo, early_paid, growth_place,
                           ranked_in_tier
                      FROM\s""" + TurnoverExtract.AGGREGATE, TurnoverRows.mapper(quarter));
        });
        Map<String, TurnoverFigures> byCode = new HashMap<>();
        rows.forEach(row -> byCode.put(row.distributorCode(), row));
        return byCode;
    }
}
