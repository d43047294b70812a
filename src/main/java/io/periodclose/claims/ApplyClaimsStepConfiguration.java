package io.periodclose.claims;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ledger.Accounts;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.Quarter;
import io.periodclose.program.CoFunding;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 4 of the close: the quarter's claims against each distributor's bonus fund, in (claim_date, claim_id) order.
 * An item is a distributor with claims in the quarter. A chunk of them is settled and posted in one transaction,
 * with a few queries for the whole chunk (its claims, which of them are settled already, the opening balances and
 * the fund's movements inside the quarter), so a distributor is never half settled and a restart or re-close settles
 * each claim exactly once: claims already settled are left out when a chunk is written.
 */
@Configuration(proxyBeanMethods = false)
public class ApplyClaimsStepConfiguration {

    /**
     * The distributors with claims dated inside the quarter, settled or not. Deliberately no anti-join with
     * {@code claim_settlement}: that table grows while the step runs, and a plan made when it was small (a nested
     * loop over it) turns quadratic. Settled claims are skipped by the writer instead, with one lookup per chunk.
     */
    private static final String CLAIMANTS = """
            SELECT DISTINCT c.distributor_code FROM claim c WHERE c.claim_date BETWEEN ? AND ?""";

    @Bean
    Step applyClaims(Partitioning partitioning, Step applyClaimsWorker, DistributorRangePartitioner claimsPartitioner) {
        return partitioning.partitioned("applyClaims", applyClaimsWorker, claimsPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner claimsPartitioner(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                  CloseRuns closeRuns, JdbcTemplate jdbc) {
        Quarter quarter = closeRuns.get(closeRunId).quarter();
        return new DistributorRangePartitioner(jdbc, CLAIMANTS + " ORDER BY 1", quarter.firstDay(), quarter.lastDay());
    }

    @Bean
    Step applyClaimsWorker(JobRepository jobRepository, PeriodCloseProperties properties,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<String> claimantReader,
                           ItemWriter<String> claimSettler) {
        return new StepBuilder("applyClaimsWorker", jobRepository)
                .<String, String>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(claimantReader)
                .writer(claimSettler)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<String> claimantReader(
            @Value("#{jobParameters['close.run']}") Long closeRunId,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            CloseRuns closeRuns, DataSource dataSource) {
        Quarter quarter = closeRuns.get(closeRunId).quarter();
        return new JdbcCursorItemReaderBuilder<String>()
                .name("claimantReader")
                // a restart reads its range again from the start; the writer skips what is settled already
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql(CLAIMANTS + " AND c.distributor_code BETWEEN ? AND ? ORDER BY 1")
                .queryArguments(quarter.firstDay(), quarter.lastDay(), from, to)
                .rowMapper((rs, n) -> rs.getString(1))
                .build();
    }

    /** One distributor's claims still to settle, in the order they were read. */
    private record DistributorClaims(String currency, List<Claim> claims, Map<String, String> descriptions) {
    }

    @Bean
    @StepScope
    ItemWriter<String> claimSettler(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                    @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                    CloseRuns closeRuns, Ledger ledger, JdbcTemplate jdbc) {
        CloseRun run = closeRuns.get(closeRunId);
        CoFunding coFunding = closeRuns.program(run).program().coFunding();
        Quarter quarter = run.quarter();
        Accounts accounts = ledger.accounts();
        return chunk -> {
            List<String> distributors = new ArrayList<>(chunk.getItems());
            Map<String, DistributorClaims> unsettled = unsettledClaims(jdbc, quarter, distributors);
            if (unsettled.isEmpty()) {
                return;
            }
            List<String> claimants = distributors.stream().filter(unsettled::containsKey).toList();
            Map<String, BigDecimal> opening = ledger.balances(claimants, quarter.firstDay().minusDays(1));
            Map<String, Map<LocalDate, BigDecimal>> movements =
                    ledger.movements(claimants, quarter.firstDay(), quarter.lastDay());
            List<Posting> spends = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (String distributor : claimants) {
                DistributorClaims item = unsettled.get(distributor);
                List<ClaimSettlement> settlements = CoFundingCalculator.settle(item.currency(), coFunding,
                        CoFundingCalculator.balanceBeforeSpends(opening.getOrDefault(distributor, BigDecimal.ZERO),
                                movements.getOrDefault(distributor, Map.of())), item.claims());
                for (ClaimSettlement s : settlements) {
                    rows.add(new Object[]{s.claim().claimId(), closeRunId, s.share(), s.requested(), s.balanceBefore(),
                            s.covered(), s.distributorPays(), s.status().name()});
                    if (s.covered().signum() > 0) {
                        spends.add(Posting.spend(accounts, distributor, item.currency(), s.claim().claimId(),
                                s.claim().claimDate(), s.covered(),
                                "Claim " + s.claim().claimId() + " " + item.descriptions().get(s.claim().claimId())));
                    }
                }
            }
            jdbc.batchUpdate("""
                    INSERT INTO claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered,
                                                  distributor_pays, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            ledger.post(spends, jobExecutionId);
        };
    }

    /** The claims of the quarter of these distributors that no close has settled yet, by distributor. */
    private static Map<String, DistributorClaims> unsettledClaims(JdbcTemplate jdbc, Quarter quarter,
                                                                  List<String> distributors) {
        Map<String, DistributorClaims> claims = new HashMap<>();
        List<String> ids = new ArrayList<>();
        jdbc.query("""
                SELECT c.distributor_code, c.claim_id, c.claim_date, c.direction, c.amount, c.currency, c.description
                  FROM claim c
                 WHERE c.claim_date BETWEEN ? AND ? AND c.distributor_code = ANY (?)""", rs -> {
            String currency = rs.getString(6);
            DistributorClaims item = claims.computeIfAbsent(rs.getString(1),
                    d -> new DistributorClaims(currency, new ArrayList<>(), new HashMap<>()));
            String id = rs.getString(2);
            item.claims().add(new Claim(id, rs.getObject(3, LocalDate.class), rs.getString(4), rs.getBigDecimal(5)));
            item.descriptions().put(id, rs.getString(4) + ": " + rs.getString(7));
            ids.add(id);
        }, quarter.firstDay(), quarter.lastDay(), distributors.toArray(String[]::new));
        if (ids.isEmpty()) {
            return claims;
        }
        Set<String> settled = new HashSet<>(jdbc.queryForList(
                "SELECT claim_id FROM claim_settlement WHERE claim_id = ANY (?)", String.class,
                (Object) ids.toArray(String[]::new)));
        if (settled.isEmpty()) {
            return claims;
        }
        Map<String, DistributorClaims> open = new HashMap<>();
        claims.forEach((distributor, item) -> {
            List<Claim> left = item.claims().stream().filter(c -> !settled.contains(c.claimId())).toList();
            if (!left.isEmpty()) {
                open.put(distributor, new DistributorClaims(item.currency(), left, item.descriptions()));
            }
        });
        return open;
    }
}
