package io.periodclose.simulation;

import io.periodclose.support.Fixtures;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The books of ProgrammeRulesCloseTest (2026-Q1 closed; 2027-Q1 with early payments and top performers, figures
 * worked out there by hand), a draft programme that raises GOLD from 1.5 % to 2 %, and a fingerprint of every table
 * a simulation must leave alone.
 */
public final class SimulationFixtures {

    /** The tables a simulation may write: its own, the job repository's and the audit trail. */
    private static final List<String> ITS_OWN = List.of("simulation", "simulation_turnover", "simulation_result",
            "audit_event", "flyway_schema_history");
    private static final List<String> CHECKSUMMED = List.of("ledger_entry", "ledger_line", "rebate", "turnover",
            "close_run", "period_close", "program_snapshot");

    private SimulationFixtures() {
    }

    public static Fixtures books(JdbcTemplate jdbc) {
        Fixtures books = new Fixtures(jdbc)
                .distributor("A1", "GOLD", "EUR")
                .distributor("A2", "GOLD", "EUR")
                .distributor("A3", "GOLD", "EUR")
                .distributor("A4", "GOLD", "EUR")
                .distributor("A5", "GOLD", "EUR")
                .distributor("B1", "SILVER", "EUR")
                .distributor("C1", "PLATINUM", "EUR");
        for (String code : new String[] {"A1", "A2", "A3", "A4", "A5", "C1"}) {
            books.invoice(code, "2026-02-10", "LAPTOPS", "10000.00", "EUR");
        }
        books.invoice("B1", "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        return books;
    }

    public static void quarterOf2027(Fixtures books) {
        books.invoice("INV-A1", "A1", "2027-02-01", "12000.00", "EUR", "2027-03-31")
                .payment("P1", "A1", "INV-A1", "2027-03-21", "5000.00", "EUR")
                .payment("P2", "A1", "INV-A1", "2027-03-22", "7000.00", "EUR")
                .invoice("INV-A2", "A2", "2027-02-01", "12000.00", "EUR", "2027-03-31")
                .invoice("A3", "2027-02-01", "LAPTOPS", "15000.00", "EUR")
                .invoice("A4", "2027-02-01", "LAPTOPS", "11000.00", "EUR")
                .invoice("A5", "2027-02-01", "LAPTOPS", "10999.00", "EUR")
                .invoice("INV-B1", "B1", "2027-03-30", "2000.00", "EUR", "2027-05-30")
                .payment("P6", "B1", "INV-B1", "2027-04-05", "2000.00", "EUR")
                .invoice("INV-C1", "C1", "2027-01-15", "20000.00", "EUR", "2027-02-14")
                .payment("P7", "C1", "INV-C1", "2027-02-04", "20000.00", "EUR")
                .target("C1", "2027-Q1", "25000.00");
    }

    /** The 2027 test programme with GOLD at 2.0 % instead of 1.5 %, as DIR/2027.yml. */
    public static Path draftWithGoldAt2(Path dir) {
        return draft(dir, "GOLD: 1.5", "GOLD: 2.0");
    }

    public static Path draft(Path dir, String from, String to) {
        try {
            String inForce = Files.readString(Path.of("src/test/resources/programs/2027.yml"));
            if (!inForce.contains(from)) {
                throw new IllegalStateException("the 2027 test programme no longer says " + from);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("2027.yml"), inForce.replace(from, to).replace("MB-2027", "MB-2027-DRAFT"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row count of every product table, and an md5 of the content of the ledger and the close's tables. */
    public static Map<String, String> fingerprint(JdbcTemplate jdbc) {
        Map<String, String> print = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                + " ORDER BY 1", String.class)) {
            if (ITS_OWN.contains(table) || table.startsWith("batch_")) {
                continue;
            }
            print.put(table + " rows", String.valueOf(jdbc.queryForObject("SELECT count(*) FROM " + table,
                    Long.class)));
        }
        for (String table : CHECKSUMMED) {
            print.put(table + " md5", jdbc.queryForObject("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY"
                    + " t::text)), 'empty') FROM " + table + " t", String.class));
        }
        return print;
    }
}
