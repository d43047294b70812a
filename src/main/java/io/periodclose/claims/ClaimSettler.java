package io.periodclose.claims;

import io.periodclose.ledger.BonusFundQueries.OpeningAndMovements;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Spend;
import io.periodclose.period.CloseRun;
import io.periodclose.period.Quarter;
import io.periodclose.program.CoFunding;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles a chunk of distributors' claims of the close run's quarter against their bonus funds, and posts what the
 * funds cover as SPEND entries, with the same five statements whatever the chunk's size: its claims, which of them
 * are settled already, the funds (opening balances and movements inside the quarter, read once), the settlements
 * ({@link SettlementWriter}) and the SPEND entries ({@link Ledger#spend}, one statement on a first run). Claims some
 * close settled already are left out, so a restart or a re-close settles each claim exactly once.
 */
public class ClaimSettler implements ItemWriter<String> {

    /** One distributor's claims still to settle, in the order they were read. */
    private record DistributorClaims(String currency, List<Claim> claims, Map<String, String> descriptions) {
    }

    private final JdbcTemplate jdbc;
    private final SettlementWriter settlementWriter;
    private final Ledger ledger;
    private final CloseRun run;
    private final CoFunding coFunding;
    private final Long jobExecutionId;

    public ClaimSettler(JdbcTemplate jdbc, SettlementWriter settlementWriter, Ledger ledger, CloseRun run,
                        CoFunding coFunding, Long jobExecutionId) {
        this.jdbc = jdbc;
        this.settlementWriter = settlementWriter;
        this.ledger = ledger;
        this.run = run;
        this.coFunding = coFunding;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends String> chunk) {
        Quarter quarter = run.quarter();
        List<String> distributors = new ArrayList<>(chunk.getItems());
        Map<String, DistributorClaims> unsettled = unsettledClaims(quarter, distributors);
        if (unsettled.isEmpty()) {
            return;
        }
        List<String> claimants = distributors.stream().filter(unsettled::containsKey).toList();
        Map<String, OpeningAndMovements> funds =
                ledger.openingAndMovements(claimants, quarter.firstDay(), quarter.lastDay());
        List<Spend> spends = new ArrayList<>();
        List<ClaimSettlement> settled = new ArrayList<>();
        for (String distributor : claimants) {
            DistributorClaims item = unsettled.get(distributor);
            OpeningAndMovements fund = funds.getOrDefault(distributor, OpeningAndMovements.NONE);
            List<ClaimSettlement> settlements = CoFundingCalculator.settle(item.currency(), coFunding,
                    CoFundingCalculator.balanceBeforeSpends(fund.opening(), fund.movements()), item.claims());
            settled.addAll(settlements);
            for (ClaimSettlement s : settlements) {
                if (s.covered().signum() > 0) {
                    spends.add(new Spend(s.claim().claimId(), distributor, item.currency(), s.claim().claimDate(),
                            s.covered(), "Claim " + s.claim().claimId() + " " + item.descriptions().get(s.claim().claimId())));
                }
            }
        }
        settlementWriter.write(run.id(), settled);
        ledger.spend(spends, jobExecutionId);
    }

    /** The claims of the quarter of these distributors that no close has settled yet, by distributor. */
    private Map<String, DistributorClaims> unsettledClaims(Quarter quarter, List<String> distributors) {
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
