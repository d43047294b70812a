package io.periodclose.bench;

import io.periodclose.cli.Engine;
import io.periodclose.cli.GlobalOptions;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark of the quarter close against the honest alternative: a plain set-based SQL script doing the same work
 * ({@code bench/close-baseline.sql}), both timed in the same run on the same database.
 *
 * <p>Loads DISTRIBUTORS distributors and LINES_PER_QUARTER sales lines in 2026-Q3 and as many in 2025-Q3 straight
 * into the tables with SQL (the CSV import is benchmarked on its own), with the invoices' due dates, about one
 * payment per invoice, targets and CLAIMS claims dated in 2026-Q3; the programmes have the early-payment and
 * top-performer rules of SPEC §8.3 and §8.4. Closes 2025-Q3 (the period rules require it first), then 2026-Q3,
 * and prints the duration of every step from the job repository; then runs the SQL script, prints its duration per statement, the ratio of the two, the
 * cross-check of their figures and the peak heap. A script that prints numbers: it asserts nothing about time.
 *
 * <p>Runs on a fresh embedded PostgreSQL under a temporary home (durable, as the product runs it), or on the
 * empty database named by {@code SPRING_DATASOURCE_URL}. Started by {@code bench/close.sh}.
 */
public final class CloseBenchmark {

    private static final Quarter LAST_YEAR = Quarter.parse("2025-Q3");
    private static final Quarter QUARTER = Quarter.parse("2026-Q3");
    private static final List<String> CLOSE_STEPS =
            List.of("extractTurnover", "calculateRebates", "postRebates", "applyClaims", "markClosed");
    private static final List<String> MEASURED_STEPS = CLOSE_STEPS.subList(0, 4);

    private CloseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int distributors = intEnv("DISTRIBUTORS", 20_000);
        long lines = longEnv("LINES_PER_QUARTER", 5_000_000L);
        int claims = intEnv("CLAIMS", distributors);
        Path baselineScript = Path.of(System.getenv().getOrDefault("BASELINE_SQL", "bench/close-baseline.sql"));
        boolean ladderOnly = "ladder".equalsIgnoreCase(System.getenv().getOrDefault("RULES", "all"));
        String baselineSql = baselineFor(Files.readString(baselineScript, StandardCharsets.UTF_8), ladderOnly);
        boolean keep = System.getenv("KEEP_HOME") != null;
        boolean skipStatements = "skip".equalsIgnoreCase(System.getenv().getOrDefault("STATEMENTS", ""));

        Path work = Files.createTempDirectory("close-bench-");
        Path home = work.resolve("home");
        Path programs = Files.createDirectories(work.resolve("programs"));
        writeProgrammes(programs, ladderOnly);
        HeapSampler heap = HeapSampler.start();
        boolean external = System.getenv("SPRING_DATASOURCE_URL") != null
                || System.getProperty("spring.datasource.url") != null;

        out("Close benchmark: %,d distributors, %,d sales lines per quarter (%s and %s), %,d claims, heap max %s, %d cores,"
                + " collectors %s", distributors, lines, QUARTER, LAST_YEAR, claims, mb(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors(), ManagementFactory
                        .getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        out("Database: %s", external ? "external (SPRING_DATASOURCE_URL)" : "embedded PostgreSQL, durable, under " + home);
        out("Programme rules: %s", ladderOnly ? "the ladder only (RULES=ladder: no early-payment, no top-performers)"
                : "the ladder, early-payment and top-performers");
        try (Engine engine = Engine.start(new GlobalOptions(home, programs, work.resolve("out")))) {
            JdbcTemplate jdbc = engine.get(JdbcTemplate.class);
            DataSource dataSource = engine.get(DataSource.class);
            out("PostgreSQL %s", jdbc.queryForObject("SHOW server_version", String.class));
            refuseNonEmptyDatabase(jdbc);

            out("");
            out("Loading (SQL, not the CSV import):");
            load(dataSource, distributors, lines, claims);
            vacuumAnalyze(jdbc);

            CloseService closes = engine.get(CloseService.class);
            StatementsStop statementsStop = skipStatements ? StatementsStop.start(jdbc) : null;
            if (skipStatements) {
                out("STATEMENTS=skip: each close is stopped when its statements step starts, before it renders any statement");
            }
            out("");
            JobExecution lastYear = timedClose(closes, LAST_YEAR);
            out("Close of %s (required first by the period rules): %s, steps:", LAST_YEAR, lastYear.getStatus());
            Map<String, Long> lastYearSteps = printSteps(jdbc, lastYear.getId());
            out("  extract+calculate+post+claims  %s", seconds(sum(lastYearSteps)));
            vacuumAnalyze(jdbc);
            settle(jdbc);

            heap.reset();
            ImportBenchmark.ServerCpu server = ImportBenchmark.ServerCpu.of(jdbc);
            double serverBefore = server.seconds();
            ThreadCpu jvmBefore = ThreadCpu.snapshot();
            long started = System.nanoTime();
            JobExecution close = timedClose(closes, QUARTER);
            long closeWall = System.nanoTime() - started;
            ThreadCpu jvmAfter = ThreadCpu.snapshot();
            double serverAfter = server.seconds();
            long closeHeap = heap.peak();
            long closePoolPeaks = HeapSampler.poolPeaks();
            out("");
            out("Close of %s: %s (close() returned after %s), steps from the job repository:", QUARTER,
                    close.getStatus(), seconds(closeWall));
            Map<String, Long> steps = printSteps(jdbc, close.getId());
            long closeMeasured = sum(steps);
            out("  extract+calculate+post+claims  %s", seconds(closeMeasured));
            out("CPU seconds during the close: JVM threads %s; database server %s", jvmAfter.since(jvmBefore),
                    server.known() ? String.format(Locale.ROOT, "%.2f", serverAfter - serverBefore) : "unknown");

            out("");
            settle(jdbc);
            out("SQL baseline (%s, same database, own bench_* tables):", baselineScript);
            double serverBeforeBaseline = server.seconds();
            long baseline = runBaseline(dataSource, baselineSql);
            if (server.known()) {
                out("CPU seconds of the database server during the SQL baseline: %.2f", server.seconds() - serverBeforeBaseline);
            }

            out("");
            out("Ratio (close extract+calculate+post+claims) / (SQL total): %s / %s = %.2f  (target <= 1.00)",
                    seconds(closeMeasured), seconds(baseline), (double) closeMeasured / baseline);
            out("");
            crossCheck(jdbc);
            out("");
            out("Peak heap used during the close of %s: %s sampled every 10 ms (sum of the heap pools' peaks: %s);"
                    + " whole run: %s; max heap %s", QUARTER, mb(closeHeap), mb(closePoolPeaks), mb(heap.overall()),
                    mb(Runtime.getRuntime().maxMemory()));
            if (statementsStop != null) {
                statementsStop.close();
            }
            if (close.getStatus() != (skipStatements ? BatchStatus.STOPPED : BatchStatus.COMPLETED)) {
                throw new IllegalStateException("the close of " + QUARTER + " did not complete: " + close.getStatus());
            }
        } finally {
            heap.stop();
            if (keep) {
                out("Kept %s (KEEP_HOME is set)", work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the programmes

    private static final String BASELINE_RULES = "SELECT true AS early_payment, true AS top_performers";

    /** The baseline script, with the SPEC §8.3/§8.4 rules switched off in its {@code bench_rules} for the ladder. */
    private static String baselineFor(String sql, boolean ladderOnly) {
        if (!ladderOnly) {
            return sql;
        }
        if (!sql.contains(BASELINE_RULES)) {
            throw new IllegalStateException("RULES=ladder: the baseline script has no '" + BASELINE_RULES + "'");
        }
        return sql.replace(BASELINE_RULES, "SELECT false AS early_payment, false AS top_performers");
    }

    /**
     * 2025 and 2026, each with a PRINTERS promo window that crosses from Q3 into Q4 and one that misses Q3, and the
     * early-payment and top-performer rules of SPEC §8.3 and §8.4 unless {@code ladderOnly} (RULES=ladder).
     */
    private static void writeProgrammes(Path programs, boolean ladderOnly) throws IOException {
        String rules = ladderOnly ? "" : "early-payment: {days: 10, rate: 0.5}\n"
                + "top-performers: {min-growth: 10, places: [1.0, 0.5, 0.25]}\n";
        for (int year : new int[]{2025, 2026}) {
            Files.writeString(programs.resolve(year + ".yml"), """
                    # Benchmark programme %1$d (bench/close-baseline.sql hard-codes 2026's figures).
                    program: MB-%1$d
                    year: %1$d
                    tiers:
                      BRONZE: 0.5
                      SILVER: 1.0
                      GOLD: 1.5
                      PLATINUM: 2.0
                    attainment:
                      - { from: 80,  rate: 2.0 }
                      - { from: 100, rate: 5.0 }
                    growth:
                      - { from: 10, rate: 0.5 }
                      - { from: 25, rate: 1.0 }
                    promos:
                      - { product-line: PRINTERS, from: %1$d-08-15, to: %1$d-10-15, rate: 1.0 }
                      - { product-line: MONITORS, from: %1$d-04-01, to: %1$d-04-30, rate: 0.5 }
                    cap: 5.0
                    co-funding:
                      share: 50
                      key-directions: [CATALOGUES, TRADE_SHOWS]
                    %2$s""".formatted(year, rules), StandardCharsets.UTF_8);
        }
    }

    // ----------------------------------------------------------------------------------------------------- loading

    private static void refuseNonEmptyDatabase(JdbcTemplate jdbc) {
        Boolean used = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM distributor) OR EXISTS (SELECT 1 FROM sales_line)
                    OR EXISTS (SELECT 1 FROM ledger_entry) OR EXISTS (SELECT 1 FROM period_close)""", Boolean.class);
        if (Boolean.TRUE.equals(used)) {
            throw new IllegalStateException("the benchmark needs an empty database (it loads its own data and closes"
                    + " quarters; the ledger is append-only): point SPRING_DATASOURCE_URL at a fresh one");
        }
    }

    /**
     * Deterministic synthetic books, generated inside PostgreSQL. Every "random" figure is a hash of a row number,
     * so a given size always produces the same data. Distributors differ in size (a power law over a shuffled
     * rank), tier, currency (JPY has no minor digits), growth and payment terms; documents of five lines carry one
     * distributor, one date and one type (about 5 % credit notes), and an invoice a due date. About one payment per
     * invoice.
     */
    private static void load(DataSource dataSource, int distributors, long lines, int claims) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET work_mem = '256MB'");
            // a uniform number in [0, 1) from a row number and a salt
            s.execute("""
                    CREATE FUNCTION pg_temp.u(n bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
                    'SELECT (hashint8extended(n, salt) & 9007199254740991)::float8 / 9007199254740992.0'""");
            timed("import run row (import_id 0) and distributor profiles", () -> {
                s.execute("""
                        INSERT INTO import_run (id, kind, file, file_sha256)
                        VALUES (0, 'SALES', 'close benchmark (generated in SQL)', repeat('0', 64))""");
                // rank 0 is the biggest distributor; codes are a shuffle of the ranks, so size is spread over the
                // code ranges the partitions work on
                s.execute("""
                        CREATE TEMP TABLE bench_profile AS
                        SELECT rank, code,
                               CASE WHEN pg_temp.u(rank, 1) < 0.07 THEN 'PLATINUM' WHEN pg_temp.u(rank, 1) < 0.25 THEN 'GOLD'
                                    WHEN pg_temp.u(rank, 1) < 0.55 THEN 'SILVER' ELSE 'BRONZE' END AS tier,
                               cur.currency, cur.digits, cur.per_eur,
                               0.75 + 0.7 * pg_temp.u(rank, 3) AS growth,       -- this year / last year
                               pg_temp.u(rank, 4) < 0.85 AS has_target,
                               pg_temp.u(rank, 5) < 0.03 AS new_this_year,      -- no sales last year
                               pg_temp.u(rank, 6) < 0.02 AS idle_this_year,     -- no sales this year
                               (ARRAY[30, 14, 45, 30, 60])[1 + floor(5 * pg_temp.u(rank, 7))::int] AS terms  -- days
                          FROM (SELECT (row_number() OVER (ORDER BY pg_temp.u(i, 0), i) - 1)::int AS rank,
                                       'D' || lpad(i::text, 6, '0') AS code
                                  FROM generate_series(1, %d) i) r
                          JOIN (VALUES (0, 'EUR', 2, 1.0), (1, 'RUB', 2, 95.0), (2, 'USD', 2, 1.1),
                                       (3, 'CNY', 2, 7.8), (4, 'KZT', 2, 520.0), (5, 'JPY', 0, 160.0))
                               AS cur (n, currency, digits, per_eur)
                            ON cur.n = CASE WHEN pg_temp.u(rank, 2) < 0.35 THEN 0 WHEN pg_temp.u(rank, 2) < 0.65 THEN 1
                                            WHEN pg_temp.u(rank, 2) < 0.77 THEN 2 WHEN pg_temp.u(rank, 2) < 0.85 THEN 3
                                            WHEN pg_temp.u(rank, 2) < 0.92 THEN 4 ELSE 5 END""".formatted(distributors));
                // the ranks that sell in each year, densely numbered, so each year gets exactly its lines
                s.execute("""
                        CREATE TEMP TABLE bench_seller AS
                        SELECT 2026 AS year, (row_number() OVER (ORDER BY rank) - 1)::int AS n, p.*
                          FROM bench_profile p WHERE NOT idle_this_year
                        UNION ALL
                        SELECT 2025, (row_number() OVER (ORDER BY rank) - 1)::int, p.*
                          FROM bench_profile p WHERE NOT new_this_year""");
                s.execute("CREATE INDEX ON bench_seller (year, n)");
                s.execute("ANALYZE bench_profile");
                s.execute("ANALYZE bench_seller");
            });
            timed("%,d distributors".formatted(distributors), () -> s.execute("""
                    INSERT INTO distributor (code, name, tier, currency, email, region, version, valid_from, import_id)
                    SELECT code, 'ООО «Дистрибьютор ' || code || '»', tier, currency, lower(code) || '@example.com',
                           (ARRAY['Москва', 'Санкт-Петербург', 'Урал', 'Сибирь', 'Юг', 'Казахстан'])[1 + rank % 6],
                           1, now(), 0
                      FROM bench_profile ORDER BY code"""));
            for (Quarter quarter : List.of(LAST_YEAR, QUARTER)) {
                int year = quarter.year();
                long days = quarter.lastDay().toEpochDay() - quarter.firstDay().toEpochDay() + 1;
                timed("%,d sales lines in %s".formatted(lines, quarter), () -> s.execute("""
                        INSERT INTO sales_line (document_no, line_no, document_type, document_date, distributor_code,
                                                product_code, product_line, quantity, net_amount, currency, due_date,
                                                import_id, source_line)
                        SELECT 'S%1$d-' || lpad(doc::text, 9, '0'), line_no,
                               CASE WHEN credit THEN 'CREDIT_NOTE' ELSE 'INVOICE' END,
                               DATE '%2$s' + day, p.code,
                               pl.prefix || '-' || (1001 + floor(40 * pg_temp.u(g, %1$d13))::int), pl.line, quantity,
                               round((pl.price * (0.6 + 0.8 * pg_temp.u(g, %1$d14)) * quantity * p.per_eur
                                      * CASE WHEN %1$d = 2026 THEN 1 ELSE 1 / p.growth END)::numeric, p.digits),
                               p.currency, CASE WHEN NOT credit THEN DATE '%2$s' + day + p.terms END, 0, g + 1
                          FROM (SELECT g, g / 5 AS doc, (g %% 5 + 1)::int AS line_no,
                                       floor((SELECT count(*) FROM bench_seller WHERE year = %1$d)
                                             * power(pg_temp.u(g / 5, %1$d10), 1.6))::int AS seller,
                                       floor(%3$d * pg_temp.u(g / 5, %1$d11))::int AS day,
                                       pg_temp.u(g / 5, %1$d12) < 0.05 AS credit,
                                       pg_temp.u(g, %1$d15) AS line_roll
                                  FROM generate_series(0, %4$d - 1) g) x
                          CROSS JOIN LATERAL (SELECT CASE WHEN credit THEN 1 + floor(2 * pg_temp.u(g, %1$d16))
                                                          ELSE 1 + floor(10 * pg_temp.u(g, %1$d16) ^ 2) END AS quantity) q
                          JOIN bench_seller p ON p.year = %1$d AND p.n = x.seller
                          JOIN (VALUES (0.00, 0.20, 'PRINTERS', 'PRN', 380.0), (0.20, 0.50, 'LAPTOPS', 'LAP', 1000.0),
                                       (0.50, 0.70, 'MONITORS', 'MON', 300.0), (0.70, 0.85, 'ACCESSORIES', 'ACC', 45.0),
                                       (0.85, 1.01, 'SUPPLIES', 'SUP', 30.0))
                               AS pl (roll_from, roll_to, line, prefix, price)
                            ON x.line_roll >= pl.roll_from AND x.line_roll < pl.roll_to
                         ORDER BY g""".formatted(year, quarter.firstDay(), days, lines)));
            }
            timed("targets for %s and %s (attainment spread 60..130 %%)".formatted(LAST_YEAR, QUARTER), () -> {
                s.execute("""
                        CREATE TEMP TABLE bench_actual AS
                        SELECT distributor_code, extract(year FROM document_date)::int AS year,
                               sum(CASE document_type WHEN 'INVOICE' THEN net_amount ELSE -net_amount END) AS turnover
                          FROM sales_line GROUP BY 1, 2""");
                for (Quarter quarter : List.of(LAST_YEAR, QUARTER)) {
                    s.execute("""
                            INSERT INTO target (distributor_code, period, target_amount, version, valid_from, import_id)
                            SELECT p.code, '%2$s',
                                   round(CASE WHEN coalesce(a.turnover, 0) > 0
                                              THEN a.turnover / (0.6 + 0.7 * pg_temp.u(p.rank, %1$d20))::numeric
                                              ELSE 100000 * p.per_eur END, p.digits), 1, now(), 0
                              FROM bench_profile p
                              LEFT JOIN bench_actual a ON a.distributor_code = p.code AND a.year = %1$d
                             WHERE p.has_target""".formatted(quarter.year(), quarter));
                }
            });
            timed("%,d claims in %s".formatted(claims, QUARTER), () -> s.execute("""
                    INSERT INTO claim (claim_id, distributor_code, claim_date, direction, description, amount, currency,
                                       import_id, source_line)
                    SELECT 'C' || lpad(n::text, 8, '0'), p.code, DATE '%1$s' + floor(%2$d * pg_temp.u(n, 31))::int,
                           dir.direction, dir.description,
                           round(greatest(coalesce(a.turnover, 0), 20000 * p.per_eur)
                                 * (0.002 + 0.05 * pg_temp.u(n, 32))::numeric, p.digits),
                           p.currency, 0, n
                      FROM generate_series(1, %3$d) n
                      JOIN bench_profile p ON p.rank = floor(%4$d * power(pg_temp.u(n, 30), 1.3))::int
                      LEFT JOIN bench_actual a ON a.distributor_code = p.code AND a.year = %5$d
                      JOIN (VALUES (0, 'CATALOGUES', 'Каталоги, тираж 500'), (1, 'TRADE_SHOWS', 'Выставка «Связь»'),
                                   (2, 'BOOKLETS', 'Буклеты'), (3, 'ADVERTISING', 'Реклама в журнале'),
                                   (4, 'SAMPLES', 'Демонстрационные образцы'), (5, 'WEBINARS', 'Вебинар для партнёров'))
                           AS dir (k, direction, description) ON dir.k = floor(6 * pg_temp.u(n, 33))::int
                     ORDER BY n""".formatted(QUARTER.firstDay(),
                    QUARTER.lastDay().toEpochDay() - QUARTER.firstDay().toEpochDay() + 1, claims, distributors,
                    LAST_YEAR.year())));
            // How the invoices of both quarters are paid (as `generate` pays them): a third in one payment at least 10
            // days before the due date (the early-payment rule's days), 37 % in the last 9 days before it, a fifth
            // late, and one in ten in two parts, the first part early. Never before the invoice's date. Payments of
            // Q3's invoices often fall into Q4, and then earn nothing in Q3.
            timed("payments of the invoices of %s and %s".formatted(LAST_YEAR, QUARTER), () -> s.execute("""
                    INSERT INTO payment (payment_id, distributor_code, document_no, paid_date, amount, currency,
                                         import_id, source_line)
                    SELECT 'PAY-' || i.document_no || part.suffix, i.distributor_code, i.document_no,
                           greatest(i.document_date, part.paid_date), part.amount, i.currency, 0,
                           row_number() OVER ()
                      FROM (SELECT document_no, distributor_code, currency, document_date, due_date,
                                   sum(net_amount) AS total, hashtext(document_no)::bigint AS k
                              FROM sales_line
                             WHERE document_type = 'INVOICE'
                             GROUP BY document_no, distributor_code, currency, document_date, due_date) i
                      JOIN bench_profile p ON p.code = i.distributor_code
                     CROSS JOIN LATERAL (SELECT pg_temp.u(i.k, 40) AS roll,
                                                pg_temp.u(i.k, 40) < 0.10 AND i.total >= 100 AS split,
                                                round(i.total * (0.30 + 0.41 * pg_temp.u(i.k, 41))::numeric,
                                                      p.digits) AS first_part) r
                     CROSS JOIN LATERAL (
                            SELECT '' AS suffix, i.total AS amount,
                                   i.due_date + CASE WHEN r.roll < 0.43 THEN -10 - floor(20 * pg_temp.u(i.k, 42))
                                                     WHEN r.roll < 0.80 THEN -floor(10 * pg_temp.u(i.k, 42))
                                                     ELSE 1 + floor(30 * pg_temp.u(i.k, 42)) END::int AS paid_date
                             WHERE NOT r.split AND i.total > 0
                            UNION ALL
                            SELECT '-1', r.first_part, i.due_date - 10 - floor(10 * pg_temp.u(i.k, 43))::int
                             WHERE r.split
                            UNION ALL
                            SELECT '-2', i.total - r.first_part, i.due_date - 5 + floor(15 * pg_temp.u(i.k, 44))::int
                             WHERE r.split) part"""));
            s.execute("DROP TABLE bench_actual, bench_seller, bench_profile");
            s.execute("DROP FUNCTION pg_temp.u(bigint, bigint)");
            // the connection goes back to the pool, where the close and the baseline get the server's defaults
            s.execute("RESET work_mem");
            try (ResultSet rs = s.executeQuery("""
                    SELECT (SELECT count(*) FROM distributor), (SELECT count(*) FROM target),
                           (SELECT count(*) FROM sales_line WHERE document_type = 'CREDIT_NOTE'),
                           (SELECT count(*) FROM sales_line WHERE product_line = 'PRINTERS'),
                           (SELECT count(*) FROM claim),
                           (SELECT string_agg(currency || ' ' || n, ', ' ORDER BY currency)
                              FROM (SELECT currency, count(*) n FROM distributor GROUP BY 1) x),
                           (SELECT string_agg(tier || ' ' || n, ', ' ORDER BY tier)
                              FROM (SELECT tier, count(*) n FROM distributor GROUP BY 1) x),
                           (SELECT count(*) FROM payment),
                           (SELECT count(*) FROM payment WHERE payment_id LIKE '%%-2'),
                           (SELECT count(*) FROM payment WHERE paid_date BETWEEN DATE '%s' AND DATE '%s')""".formatted(
                    QUARTER.firstDay(), QUARTER.lastDay()))) {
                rs.next();
                out("  loaded: %,d distributors (%s; %s), %,d targets, %,d credit-note lines, %,d PRINTERS lines,"
                        + " %,d claims, %,d payments (%,d invoices paid in two parts; %,d payments dated in %s)",
                        rs.getLong(1), rs.getString(6), rs.getString(7), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(8), rs.getLong(9), rs.getLong(10), QUARTER);
            }
        }
    }

    private static void vacuumAnalyze(JdbcTemplate jdbc) {
        timed("VACUUM ANALYZE", () -> jdbc.execute("VACUUM ANALYZE"));
    }

    /**
     * Before each measured part (the close, the SQL): a checkpoint, and the kernel's dirty pages written, so neither
     * runs while the disk and the kernel's writeback threads are still busy with what came before it (the data
     * load: hundreds of MB; those threads took up to 2.9 core-seconds of a 3.4 s close on 2 cores).
     */
    private static void settle(JdbcTemplate jdbc) {
        timed("CHECKPOINT and sync (not counted)", () -> {
            jdbc.execute("CHECKPOINT");
            try {
                new ProcessBuilder("sync").inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------- the close

    /**
     * STATEMENTS=skip: stops every close once its markClosed step has completed, so that a run measures the ledger
     * steps without waiting for 20,000 statements (bench/statements.sh measures those). Polls the job repository
     * every 100 ms from a daemon thread.
     */
    /**
     * STATEMENTS=skip: a trigger marks a close STOPPING in the job repository the moment its statements step is
     * recorded, as a stop from an operator does (status and version), so each of the step's partitions stops when it
     * starts, before its first chunk: no statement is rendered. (A stop requested by polling for markClosed arrived
     * after the first chunk of 100 statements per partition had started; the compilation of that PDF code then spilled
     * into the next close's steps and made them look 10–20 % slower than in a close that renders all its statements.)
     */
    private static final class StatementsStop implements AutoCloseable {

        private final JdbcTemplate jdbc;

        private StatementsStop(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        static StatementsStop start(JdbcTemplate jdbc) {
            jdbc.execute("""
                    CREATE FUNCTION bench_stop_before_statements() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        UPDATE batch_job_execution SET status = 'STOPPING', version = version + 1
                         WHERE job_execution_id = NEW.job_execution_id;
                        RETURN NULL;
                    END $$""");
            jdbc.execute("""
                    CREATE TRIGGER bench_stop_before_statements AFTER INSERT ON batch_step_execution
                       FOR EACH ROW WHEN (NEW.step_name = 'writeQuarterStatements')
                       EXECUTE FUNCTION bench_stop_before_statements()""");
            return new StatementsStop(jdbc);
        }

        @Override
        public void close() {
            jdbc.execute("DROP TRIGGER bench_stop_before_statements ON batch_step_execution");
            jdbc.execute("DROP FUNCTION bench_stop_before_statements()");
        }
    }

    private static JobExecution timedClose(CloseService closes, Quarter quarter) {
        LocalDate asOf = quarter.dayAfter().plusDays(4);
        return closes.close(quarter, asOf, false);
    }

    /** Prints every step of the execution as the job repository recorded it; returns the manager steps' times. */
    private static Map<String, Long> printSteps(JdbcTemplate jdbc, long jobExecutionId) {
        Map<String, Long> durations = new java.util.LinkedHashMap<>();
        jdbc.query("""
                SELECT step_name, start_time, end_time, status, read_count, write_count, commit_count
                  FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id""", rs -> {
            String name = rs.getString(1);
            Timestamp start = rs.getTimestamp(2);
            Timestamp end = rs.getTimestamp(3);
            long nanos = Duration.between(start.toInstant(), end.toInstant()).toNanos();
            boolean worker = name.contains(":");
            if (!worker) {
                durations.put(name, nanos);
            }
            out("  %-34s %9s  %-9s read %,9d  written %,9d  commits %,6d", (worker ? "  " : "") + name,
                    seconds(nanos), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
        }, jobExecutionId);
        // manager steps end after their workers, so list them in the order the job ran them
        for (String step : CLOSE_STEPS) {
            if (!durations.containsKey(step)) {
                throw new IllegalStateException("no step " + step + " in job execution " + jobExecutionId);
            }
        }
        return durations;
    }

    private static long sum(Map<String, Long> steps) {
        return MEASURED_STEPS.stream().mapToLong(steps::get).sum();
    }

    // ---------------------------------------------------------------------------------------------- the baseline

    /** The baseline's own tables being dropped and created: printed, but not part of the work compared. */
    private static final java.util.regex.Pattern SETUP = java.util.regex.Pattern.compile("(DROP|CREATE) ",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Runs the script statement by statement (a statement ends with a line ending in ';'), each committed. */
    private static long runBaseline(DataSource dataSource, String script) throws SQLException {
        List<String> statements = statements(script);
        long total = 0;
        long setupTotal = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                long started = System.nanoTime();
                boolean query = s.execute(sql);
                String result = "";
                if (query) {
                    try (ResultSet rs = s.getResultSet()) {
                        if (rs.next()) {
                            result = " -> " + rs.getMetaData().getColumnLabel(1) + " = " + rs.getString(1);
                        }
                    }
                } else {
                    int count = s.getUpdateCount();
                    result = count > 0 ? " -> %,d rows".formatted(count) : "";
                }
                long nanos = System.nanoTime() - started;
                boolean setup = SETUP.matcher(sql).lookingAt();
                if (setup) {
                    setupTotal += nanos;
                } else {
                    total += nanos;
                }
                out("  %9s  %s%s%s", seconds(nanos), label(sql), result, setup ? "  (setup, not counted)" : "");
            }
        }
        out("  %9s  SQL total (the statements that do the work; setup took %s more)", seconds(total),
                seconds(setupTotal));
        return total;
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";") && !trimmed.startsWith("--")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String label(String sql) {
        String flat = sql.replaceAll("--[^\n]*", " ").replaceAll("\\s+", " ").strip();
        if (flat.startsWith("WITH entry AS ( INSERT INTO ")) {
            String rest = flat.substring("WITH entry AS ( INSERT INTO ".length());
            String entryType = flat.contains("'ACCRUAL'") ? "ACCRUAL" : flat.contains("'SPEND'") ? "SPEND" : "";
            return "INSERT INTO " + rest.substring(0, rest.indexOf(' ')) + " + lines (" + entryType + ")";
        }
        return flat.length() > 70 ? flat.substring(0, 70) + "…" : flat;
    }

    /** The baseline's figures against the product's: totals per currency and the rows that differ. */
    private static void crossCheck(JdbcTemplate jdbc) {
        out("Cross-check of the figures (product close of %s vs SQL baseline):", QUARTER);
        long run = jdbc.queryForObject("SELECT last_run_id FROM period_close WHERE period = ?", Long.class,
                QUARTER.toString());
        List<Map<String, Object>> accruals = jdbc.queryForList("""
                SELECT coalesce(p.currency, b.currency) AS currency, p.n AS product_n, p.total AS product,
                       b.n AS baseline_n, b.total AS baseline
                  FROM (SELECT currency, count(*) n, sum(amount) total FROM ledger_entry
                         WHERE entry_type = 'ACCRUAL' AND period = ? GROUP BY 1) p
                  FULL JOIN (SELECT currency, count(*) n, sum(amount) total FROM bench_ledger_entry
                              WHERE entry_type = 'ACCRUAL' AND period = ? GROUP BY 1) b ON b.currency = p.currency
                 ORDER BY 1""", QUARTER.toString(), QUARTER.toString());
        int mismatches = 0;
        out("  %-8s %24s %24s", "ACCRUAL", "product", "baseline");
        for (Map<String, Object> row : accruals) {
            boolean same = equal(row.get("product"), row.get("baseline")) && equal(row.get("product_n"), row.get("baseline_n"));
            mismatches += same ? 0 : 1;
            out("  %-8s %24s %24s %s", row.get("currency"), amount(row.get("product_n"), row.get("product")),
                    amount(row.get("baseline_n"), row.get("baseline")), same ? "equal" : "DIFFERENT");
        }
        List<Map<String, Object>> spends = jdbc.queryForList("""
                SELECT coalesce(p.currency, b.currency) AS currency, p.n AS product_n, p.total AS product,
                       b.n AS baseline_n, b.total AS baseline
                  FROM (SELECT currency, count(*) n, sum(amount) total FROM ledger_entry
                         WHERE entry_type = 'SPEND' AND period = ? GROUP BY 1) p
                  FULL JOIN (SELECT currency, count(*) n, sum(amount) total FROM bench_ledger_entry
                              WHERE entry_type = 'SPEND' AND period = ? GROUP BY 1) b ON b.currency = p.currency
                 ORDER BY 1""", QUARTER.toString(), QUARTER.toString());
        out("  %-8s %24s %24s", "SPEND", "product", "baseline");
        for (Map<String, Object> row : spends) {
            boolean same = equal(row.get("product"), row.get("baseline")) && equal(row.get("product_n"), row.get("baseline_n"));
            mismatches += same ? 0 : 1;
            out("  %-8s %24s %24s %s", row.get("currency"), amount(row.get("product_n"), row.get("product")),
                    amount(row.get("baseline_n"), row.get("baseline")), same ? "equal" : "DIFFERENT");
        }
        long rebates = jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT * FROM rebate WHERE close_run_id = ?) p
                  FULL JOIN bench_rebate b USING (distributor_code)
                 WHERE p.distributor_code IS NULL OR b.distributor_code IS NULL
                    OR (p.currency, p.turnover, p.base, p.attainment, p.growth, p.promo, p.early_payment,
                        p.top_performer, p.uncapped, p.cap_amount, p.cap_applied, p.total)
                       IS DISTINCT FROM (b.currency, b.turnover, b.base, b.attainment, b.growth, b.promo,
                                         b.early_payment, b.top_performer, b.uncapped, b.cap_amount, b.cap_applied,
                                         b.total)
                    OR p.target_amount IS DISTINCT FROM b.target_amount""", Long.class, run);
        // the figures behind the two §8 components: E, and the place in the tier with how many rank there
        long turnovers = jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT * FROM turnover WHERE close_run_id = ?) p
                  FULL JOIN bench_turnover b USING (distributor_code)
                 WHERE p.distributor_code IS NULL OR b.distributor_code IS NULL
                    OR (p.early_paid, p.growth_place, p.ranked_in_tier)
                       IS DISTINCT FROM (b.early_paid, b.growth_place, b.ranked_in_tier)""", Long.class, run);
        long settlements = jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT * FROM claim_settlement WHERE close_run_id = ?) p
                  FULL JOIN bench_claim_settlement b USING (claim_id)
                 WHERE p.claim_id IS NULL OR b.claim_id IS NULL
                    OR (p.share, p.requested, p.balance_before, p.covered, p.distributor_pays, p.status)
                       IS DISTINCT FROM (b.share, b.requested, b.balance_before, b.covered, b.distributor_pays, b.status)""",
                Long.class, run);
        String statuses = jdbc.queryForObject("""
                SELECT string_agg(status || ' ' || n, ', ' ORDER BY status)
                  FROM (SELECT status, count(*) n FROM claim_settlement WHERE close_run_id = ? GROUP BY 1) x""",
                String.class, run);
        String mix = jdbc.queryForObject("""
                SELECT format('cap applied %s, attainment rung reached %s, growth rung reached %s, promo %s,'
                              || ' early_payment > 0 %s, top_performer > 0 %s, no positive turnover %s, no target %s',
                              count(*) FILTER (WHERE cap_applied), count(*) FILTER (WHERE attainment > 0),
                              count(*) FILTER (WHERE growth > 0), count(*) FILTER (WHERE promo > 0),
                              count(*) FILTER (WHERE early_payment > 0), count(*) FILTER (WHERE top_performer > 0),
                              count(*) FILTER (WHERE turnover <= 0), count(*) FILTER (WHERE target_amount IS NULL))
                  FROM rebate WHERE close_run_id = ?""", String.class, run);
        out("  rebates of %,d distributors differing in any figure: %,d", jdbc.queryForObject(
                "SELECT count(*) FROM rebate WHERE close_run_id = ?", Long.class, run), rebates);
        out("  turnovers differing in E, growth place or how many rank in the tier: %,d (product: %s)", turnovers,
                jdbc.queryForObject("""
                        SELECT format('%s distributors with E > 0; ranked per tier: %s',
                                      count(*) FILTER (WHERE early_paid > 0),
                                      (SELECT string_agg(tier || ' ' || n, ', ' ORDER BY tier)
                                         FROM (SELECT tier, max(ranked_in_tier) n FROM turnover
                                                WHERE close_run_id = ? GROUP BY 1) x))
                          FROM turnover WHERE close_run_id = ?""", String.class, run, run));
        out("  claim settlements differing: %,d (product: %s)", settlements, statuses);
        out("  product's rebates: %s", mix);
        mismatches += rebates > 0 ? 1 : 0;
        mismatches += turnovers > 0 ? 1 : 0;
        mismatches += settlements > 0 ? 1 : 0;
        out("  => %s", mismatches == 0 ? "the baseline computes the same figures as the close"
                : "MISMATCH between the baseline and the close: a finding, see the lines marked above");
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a != null && a.equals(b);
    }

    private static String amount(Object n, Object total) {
        if (total == null) {
            return "-";
        }
        return "%,d × %s".formatted(((Number) n).longValue(), ((java.math.BigDecimal) total).stripTrailingZeros()
                .toPlainString());
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /** The peak of the heap in use, sampled every 10 ms by a daemon thread. */
    private static final class HeapSampler implements Runnable {

        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong overall = new AtomicLong();
        private volatile boolean running = true;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            Thread thread = new Thread(sampler, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
            return sampler;
        }

        @Override
        public void run() {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                overall.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            System.gc();
            peak.set(0);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        long peak() {
            return peak.get();
        }

        long overall() {
            return overall.get();
        }

        /** An upper bound: the pools peak at different moments. */
        static long poolPeaks() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        void stop() {
            running = false;
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void timed(String what, SqlAction action) {
        long started = System.nanoTime();
        try {
            action.run();
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
        out("  %9s  %s", seconds(System.nanoTime() - started), what);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static int intEnv(String name, int defaultValue) {
        return (int) longEnv(name, defaultValue);
    }

    private static long longEnv(String name, long defaultValue) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // the embedded server may still be writing its last files as it shuts down: not worth failing the run
            out("Could not delete all of %s: %s", root, e);
        }
    }
}
