package io.periodclose.bench;

import io.periodclose.cli.Engine;
import io.periodclose.cli.GlobalOptions;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.CloseService;
import io.periodclose.period.Partitioning;
import io.periodclose.period.Quarter;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import io.periodclose.statement.Bonus;
import io.periodclose.statement.BonusComponent;
import io.periodclose.statement.ClaimDetail;
import io.periodclose.statement.Movement;
import io.periodclose.statement.QuarterStatement;
import io.periodclose.statement.StatementHeader;
import io.periodclose.statement.StatementRenderer;
import io.periodclose.statement.StatementSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Statements per second of the close's {@code writeQuarterStatements} step, next to a raw loop that only fills and
 * exports the same template for the same distributors in the same JVM. Run by {@code bench/statements.sh}; see
 * {@code bench/README.md}. Prints numbers and asserts nothing about time.
 *
 * <p>A fresh temporary home with its own embedded PostgreSQL: {@code DISTRIBUTORS} distributors (default 20,000)
 * with {@code SALES_LINES} sales lines each (default 20) in 2026-Q1, a target each, an opening bonus credited on
 * 1 January and two thirds of them with claims, all written with SQL. Then the close of 2026-Q1 with the
 * programme of {@code jobs/programs/2026.yml}. The step's duration comes from the job repository.
 *
 * <p>The raw loop reads the same {@link QuarterStatement}s through {@link StatementSource} first (timed apart),
 * then times only {@link StatementRenderer#renderQuarter} and writing each PDF to a file, on as many threads as the
 * step's grid size.
 *
 * <p>The raw loop runs after the step, in a JVM whose JIT has long compiled the renderer's code; the step runs first.
 * So that the step does not pay alone for compiling the template and for the JIT, the renderer is warmed up before
 * the close with statements built here, shaped like the close's: rounds of {@code WARMUP} renders (default 1,500)
 * until a round spends less than 3 % of its CPU time in JIT compilation, at most {@code WARMUP_ROUNDS} rounds
 * (default 20). A fixed 1,500 renders was not enough: the JIT was still compiling the renderer's code for the first
 * minute of the step. The time the JIT spent compiling during each phase is printed with the results.
 */
public final class StatementsBenchmark {

    private static final Quarter QUARTER = new Quarter(2026, 1);
    private static final LocalDate AS_OF = LocalDate.of(2026, 4, 2);
    private static final Locale LANGUAGE = Locale.forLanguageTag("ru");

    /** The programme of {@code jobs/programs/2026.yml}. */
    private static final String PROGRAMME = """
            program: MB-2026
            year: 2026
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
              - { product-line: PRINTERS, from: 2026-03-01, to: 2026-05-31, rate: 1.0 }
            cap: 5.0
            co-funding:
              share: 50
              key-directions: [CATALOGUES, TRADE_SHOWS]
            """;

    private StatementsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int distributors = intEnv("DISTRIBUTORS", 20_000);
        int salesLines = intEnv("SALES_LINES", 20);
        int warmup = intEnv("WARMUP", 1_500);
        int warmupRounds = intEnv("WARMUP_ROUNDS", 20);
        int gridSize = intEnv("GRID_SIZE", Runtime.getRuntime().availableProcessors());
        boolean keep = System.getenv("KEEP") != null;
        if (System.getenv("SPRING_DATASOURCE_URL") != null || System.getProperty("spring.datasource.url") != null) {
            throw new IllegalStateException("the benchmark loads its own data into a fresh embedded database;"
                    + " unset SPRING_DATASOURCE_URL / spring.datasource.url");
        }
        System.setProperty("period-close.grid-size", Integer.toString(gridSize));

        Path root = Files.createTempDirectory("statements-bench");
        Path programs = Files.createDirectories(root.resolve("programs"));
        Files.writeString(programs.resolve("2026.yml"), PROGRAMME, StandardCharsets.UTF_8);
        Path out = root.resolve("out");
        Path raw = Files.createDirectories(root.resolve("raw"));

        String loadAtStart = loadAverage();
        say("load average at start: %s (%d cores)", loadAtStart, Runtime.getRuntime().availableProcessors());
        say("working in %s", root);
        Sampler sampler = new Sampler(root.resolve("home").resolve("pgdata"));
        try (Engine engine = Engine.start(new GlobalOptions(root.resolve("home"), programs, out))) {
            JdbcTemplate jdbc = engine.get(JdbcTemplate.class);
            StatementRenderer renderer = engine.get(StatementRenderer.class);
            int grid = engine.get(Partitioning.class).gridSize();

            long started = System.nanoTime();
            load(jdbc, distributors, salesLines);
            say("loaded %,d distributors, %,d sales lines, %,d claims in %.1f s", distributors,
                    jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class),
                    jdbc.queryForObject("SELECT count(*) FROM claim", Long.class), seconds(System.nanoTime() - started));

            int warmupRenders = 0;
            double warmupCompileSeconds = 0;
            if (warmup > 0) {
                started = System.nanoTime();
                double compileAtStart = compileSeconds();
                double share;
                do {
                    double cpu = jvmCpuNanos() / 1e9;
                    double compile = compileSeconds();
                    int first = warmupRenders;
                    parallel(grid, warmup, i -> renderer.renderQuarter(warmupStatement(first + i), LANGUAGE));
                    warmupRenders += warmup;
                    share = (compileSeconds() - compile) / (jvmCpuNanos() / 1e9 - cpu);
                } while (share >= 0.03 && warmupRenders < warmup * warmupRounds);
                warmupCompileSeconds = compileSeconds() - compileAtStart;
                say("warm-up: %,d renders on %d threads in %.1f s (template compile included), JIT compiling %.1f s;"
                                + " last round %.1f %% of its CPU in the JIT", warmupRenders, grid,
                        seconds(System.nanoTime() - started), warmupCompileSeconds, 100 * share);
            }

            // ---- the close, with the statements step ----
            sampler.start();
            double compileBeforeClose = compileSeconds();
            started = System.nanoTime();
            JobExecution execution = engine.get(CloseService.class).close(QUARTER, AS_OF, false);
            double closeSeconds = seconds(System.nanoTime() - started);
            double closeCompileSeconds = compileSeconds() - compileBeforeClose;
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("the close ended " + execution.getStatus() + ": "
                        + execution.getAllFailureExceptions());
            }
            say("close of %s: %.1f s in all", QUARTER, closeSeconds);
            for (Map<String, Object> step : jdbc.queryForList("""
                    SELECT step_name, extract(epoch FROM end_time - start_time) AS seconds, write_count
                      FROM batch_step_execution
                     WHERE job_execution_id = ? AND step_name NOT LIKE '%:partition%' ORDER BY step_execution_id""",
                    execution.getId())) {
                say("  %-24s %7.1f s", step.get("step_name"), ((Number) step.get("seconds")).doubleValue());
            }
            Map<String, Object> step = jdbc.queryForMap("""
                    SELECT start_time, end_time FROM batch_step_execution
                     WHERE job_execution_id = ? AND step_name = 'writeQuarterStatements'""", execution.getId());
            LocalDateTime stepStart = ((java.sql.Timestamp) step.get("start_time")).toLocalDateTime();
            LocalDateTime stepEnd = ((java.sql.Timestamp) step.get("end_time")).toLocalDateTime();
            double stepSeconds = Duration.between(stepStart, stepEnd).toNanos() / 1e9;
            Usage stepUsage = sampler.between(stepStart, stepEnd);
            sampler.stop();
            for (Map<String, Object> partition : jdbc.queryForList("""
                    SELECT step_name, read_count, write_count, commit_count,
                           extract(epoch FROM end_time - start_time) AS seconds
                      FROM batch_step_execution
                     WHERE job_execution_id = ? AND step_name LIKE 'writeQuarterStatementsWorker:%'
                     ORDER BY step_name""", execution.getId())) {
                say("  %-44s %,7d statements, %,5d commits, %6.1f s", partition.get("step_name"),
                        ((Number) partition.get("write_count")).longValue(),
                        ((Number) partition.get("commit_count")).longValue(),
                        ((Number) partition.get("seconds")).doubleValue());
            }
            Map<String, Object> written = jdbc.queryForMap("""
                    SELECT count(file) AS files, count(problem) AS problems FROM statement WHERE period = ?""",
                    QUARTER.toString());
            long statements = ((Number) written.get("files")).longValue();
            long problems = ((Number) written.get("problems")).longValue();
            Path stepDirectory = out.resolve("statements").resolve(QUARTER.toString());
            long stepBytes = pdfBytes(stepDirectory);
            say("step: %,d statements written, %,d refused, average PDF %,d bytes", statements, problems,
                    statements == 0 ? 0 : stepBytes / statements);

            // ---- the raw loop: the same statements, rendered and written, nothing else ----
            long runId = execution.getJobParameters().getLong(CloseJobParameters.CLOSE_RUN);
            CloseRun run = engine.get(CloseRuns.class).get(runId);
            StatementSource source = engine.get(StatementSource.class);
            List<String> codes = jdbc.queryForList(
                    "SELECT distributor_code FROM rebate WHERE close_run_id = ? ORDER BY distributor_code",
                    String.class, runId);
            QuarterStatement[] models = new QuarterStatement[codes.size()];
            Usage before = Usage.now(sampler);
            started = System.nanoTime();
            parallel(grid, codes.size(), i -> models[i] = source.quarter(run, codes.get(i)));
            double sourceSeconds = seconds(System.nanoTime() - started);
            Usage sourceUsage = Usage.now(sampler).minus(before);
            say("raw: read %,d statements through StatementSource on %d threads in %.1f s (%.0f/s) — not timed below",
                    models.length, grid, sourceSeconds, models.length / sourceSeconds);

            before = Usage.now(sampler);
            double compileBeforeRaw = compileSeconds();
            started = System.nanoTime();
            AtomicLong rawBytes = new AtomicLong();
            parallel(grid, models.length, i -> {
                byte[] pdf = renderer.renderQuarter(models[i], LANGUAGE);
                try {
                    Files.write(raw.resolve(codes.get(i) + ".pdf"), pdf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rawBytes.addAndGet(pdf.length);
            });
            double rawSeconds = seconds(System.nanoTime() - started);
            double rawCompileSeconds = compileSeconds() - compileBeforeRaw;
            Usage rawUsage = Usage.now(sampler).minus(before);

            String loadAtEnd = loadAverage();
            double stepRate = statements / stepSeconds;
            double rawRate = models.length / rawSeconds;
            System.out.println();
            System.out.printf("statements              %,d%n", statements);
            System.out.printf("step seconds            %.1f%n", stepSeconds);
            System.out.printf("step statements/s       %.1f%n", stepRate);
            System.out.printf("raw seconds             %.1f%n", rawSeconds);
            System.out.printf("raw statements/s        %.1f%n", rawRate);
            System.out.printf("ratio step/raw          %.2f%n", stepRate / rawRate);
            System.out.printf("grid size               %d%n", grid);
            System.out.printf("heap                    max %,d MB, peak used %,d MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, peakHeapUsed() >> 20);
            System.out.printf("load average            start %s, end %s%n", loadAtStart, loadAtEnd);
            System.out.printf("CPU per statement, ms   step: JVM %.2f (GC %.2f), PostgreSQL %.2f;"
                            + " raw: JVM %.2f (GC %.2f); source read: JVM %.2f, PostgreSQL %.2f%n",
                    stepUsage.jvmCpuMs() / statements, stepUsage.gcMs() / statements, stepUsage.dbCpuMs() / statements,
                    rawUsage.jvmCpuMs() / models.length, rawUsage.gcMs() / models.length,
                    sourceUsage.jvmCpuMs() / models.length, sourceUsage.dbCpuMs() / models.length);
            System.out.printf("average PDF, bytes      step %,d, raw %,d%n", statements == 0 ? 0 : stepBytes / statements,
                    rawBytes.get() / models.length);
            System.out.printf("warm-up renders         %,d%n", warmupRenders);
            System.out.printf("JIT compiling, s        warm-up %.1f, close (all steps) %.1f, raw %.1f%n",
                    warmupCompileSeconds, closeCompileSeconds, rawCompileSeconds);
        } finally {
            sampler.stop();
            if (keep) {
                say("kept %s", root);
            } else {
                delete(root);
            }
        }
    }

    // ---- the data ----

    /**
     * Distributors D00001…, a quarter of sales lines each (PRINTERS, LAPTOPS, MONITORS, one credit note), a target
     * each around their turnover (so every attainment rung occurs), a bonus credited on 1 January (the accrual of
     * 2025-Q4, as a close of that quarter would have posted it), and 0–3 claims each, some bigger than the fund.
     */
    static void load(JdbcTemplate jdbc, int distributors, int salesLines) {
        jdbc.update("INSERT INTO import_run (id, kind, file, file_sha256) VALUES (0, 'SALES', 'benchmark', repeat('0', 64))");
        jdbc.update("""
                INSERT INTO distributor (code, name, tier, currency, email, region, version, valid_from, import_id)
                SELECT 'D' || lpad(i::text, 5, '0'), 'ООО «Дистрибьютор ' || i || '»',
                       (ARRAY['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'])[1 + i % 4],
                       CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'RUB' END,
                       'd' || i || '@example.com', 'RU', 1, now(), 0
                  FROM generate_series(1, ?) i""", distributors);
        jdbc.update("""
                INSERT INTO sales_line (document_no, line_no, document_type, document_date, distributor_code,
                                        product_code, product_line, quantity, net_amount, currency, import_id, source_line)
                SELECT 'S' || i || '-' || j, 1, CASE WHEN j = ? THEN 'CREDIT_NOTE' ELSE 'INVOICE' END,
                       DATE '2026-01-01' + (j * 89 / ?), 'D' || lpad(i::text, 5, '0'),
                       'P' || (i * 7 + j) % 50, (ARRAY['PRINTERS', 'LAPTOPS', 'MONITORS'])[1 + j % 3], 1 + j % 5,
                       CASE WHEN j = ? THEN 250 ELSE 1000 + (i * 37 + j * 101) % 9000 END,
                       CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'RUB' END, 0, (i - 1) * ? + j
                  FROM generate_series(1, ?) i, generate_series(1, ?) j""",
                salesLines, salesLines, salesLines, salesLines, distributors, salesLines);
        jdbc.update("""
                INSERT INTO target (distributor_code, period, target_amount, version, valid_from, import_id)
                SELECT 'D' || lpad(i::text, 5, '0'), '2026-Q1', round(5500 * (? - 1) * (0.7 + 0.15 * (i % 5)), 2), 1, now(), 0
                  FROM generate_series(1, ?) i""", salesLines, distributors);
        jdbc.update("""
                INSERT INTO ledger_entry (id, idempotency_key, entry_type, effective_date, distributor_code, period,
                                          currency, amount, description)
                SELECT i, 'ACCRUAL:D' || lpad(i::text, 5, '0') || ':2025-Q4', 'ACCRUAL', DATE '2026-01-01',
                       'D' || lpad(i::text, 5, '0'), '2025-Q4', CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'RUB' END,
                       1000 + (i % 7) * 500, 'Bonus 2025-Q4'
                  FROM generate_series(1, ?) i""", distributors);
        jdbc.queryForObject("SELECT setval('ledger_entry_id_seq', ?)", Long.class, distributors);
        jdbc.update("""
                INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency, debit,
                                         credit)
                SELECT e.id, n, CASE n WHEN 1 THEN '6310' ELSE '2390' END,
                       CASE n WHEN 1 THEN NULL ELSE e.distributor_code END, e.effective_date, e.currency,
                       CASE n WHEN 1 THEN e.amount ELSE 0 END, CASE n WHEN 1 THEN 0 ELSE e.amount END
                  FROM ledger_entry e, generate_series(1, 2) n""");
        jdbc.update("""
                INSERT INTO claim (claim_id, distributor_code, claim_date, direction, description, amount, currency,
                                   import_id, source_line)
                SELECT 'C' || i || '-' || k, 'D' || lpad(i::text, 5, '0'), DATE '2026-01-10' + k * 25,
                       (ARRAY['CATALOGUES', 'BOOKLETS', 'TRADE_SHOWS', 'SAMPLES'])[1 + (i + k) % 4],
                       (ARRAY['Каталоги весна', 'Буклеты для дилеров', 'Выставка «Принт-Экспо»', 'Образцы'])[1 + (i + k) % 4],
                       400 + (i * 13 + k * 29) % 2600, CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'RUB' END, 0, k
                  FROM generate_series(1, ?) i, generate_series(1, 3) k
                 WHERE k <= i % 4""", distributors);
        jdbc.execute("ANALYZE");
    }

    /**
     * The {@code i}-th warm-up statement, shaped like the close's: an accrual and 0–3 claims (one partly covered),
     * four bonus components, a next rung for two in three, in euros for one in ten, roubles otherwise.
     */
    static QuarterStatement warmupStatement(int i) {
        LocalDate jan = LocalDate.of(2026, 1, 1);
        List<Movement> claims = List.of(
                Movement.spend(new ClaimDetail("W-1", jan.plusDays(34), "CATALOGUES", "Каталоги весна", d("1200.00"),
                        d("1200.00"), d("1200.00"), d("0.00"))),
                Movement.spend(new ClaimDetail("W-2", jan.plusDays(59), "BOOKLETS", "Буклеты для дилеров",
                        d("2400.00"), d("1200.00"), d("1200.00"), d("1200.00"))),
                Movement.spend(new ClaimDetail("W-3", jan.plusDays(84), "SAMPLES", "Образцы", d("2000.00"),
                        d("1000.00"), d("600.00"), d("1400.00"))));
        List<Movement> movements = new ArrayList<>();
        movements.add(Movement.accrual(QUARTER.previous(), d("3000.00")));
        movements.addAll(claims.subList(0, i % 4));
        BigDecimal closing = movements.stream().map(Movement::amount).reduce(d("0.00"), BigDecimal::add);
        Rung eighty = new Rung(d("80"), d("2.0"));
        Promo printers = new Promo("PRINTERS", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31), d("1.0"));
        List<BonusComponent> components = List.of(
                new BonusComponent(BonusComponent.Kind.BASE, d("100000.00"), d("1.5"), null, null, null, d("1500.00")),
                new BonusComponent(BonusComponent.Kind.ATTAINMENT, d("100000.00"), d("2.0"), eighty, d("83.3"), null,
                        d("2000.00")),
                new BonusComponent(BonusComponent.Kind.GROWTH, d("100000.00"), d("0"), null, null, null, d("0.00")),
                new BonusComponent(BonusComponent.Kind.PROMO, d("12000.00"), d("1.0"), null, null, printers,
                        d("120.00")));
        Bonus bonus = new Bonus(d("100000.00"), d("120000.00"), d("0.00"), "GOLD", components, d("3620.00"), d("5.0"),
                d("5000.00"), false, d("3620.00"), QUARTER.dayAfter(),
                i % 3 == 0 ? null : new Bonus.NextRung(new Rung(d("100"), d("5.0")), d("20000.00")));
        String code = String.format("W%05d", i % 100_000);
        StatementHeader header = new StatementHeader("Принтеры и Ко АО", code, "ООО «Разогрев " + i + "»",
                i % 10 == 0 ? "EUR" : "RUB", "QS-2026-Q1-" + code, AS_OF);
        return new QuarterStatement(header, QUARTER, "MB-2026", "0".repeat(64), d("0.00"), movements, closing,
                bonus);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    // ---- measuring ----

    /** Runs {@code task(0 … count-1)} on {@code threads} threads, each taking the next index. */
    private static void parallel(int threads, int count, IntConsumer task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** CPU used so far: this JVM's, its garbage collectors' (wall time) and the embedded PostgreSQL's processes'. */
    record Usage(double jvmCpuMs, double gcMs, double dbCpuMs) {
        static Usage now(Sampler sampler) {
            return new Usage(jvmCpuNanos() / 1e6, gcMillis(), sampler.postgresCpuMillis());
        }

        Usage minus(Usage earlier) {
            return new Usage(jvmCpuMs - earlier.jvmCpuMs, gcMs - earlier.gcMs, dbCpuMs - earlier.dbCpuMs);
        }
    }

    /**
     * Records the CPU used every 500 ms while the close runs, so the statements step's share can be read off
     * between the start and end times the job repository holds.
     */
    static final class Sampler {
        private final Path dataDirectory;
        private final List<Map.Entry<LocalDateTime, Usage>> samples = new ArrayList<>();
        private final long ticksPerSecond = clockTicks();
        private volatile Thread thread;
        private volatile String postmaster;

        Sampler(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        void start() {
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "cpu-sampler");
            t.setDaemon(true);
            thread = t;
            t.start();
        }

        void stop() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
                thread = null;
            }
        }

        private void sample() {
            Usage usage = Usage.now(this);
            synchronized (samples) {
                samples.add(Map.entry(LocalDateTime.now(), usage));
            }
        }

        Usage between(LocalDateTime from, LocalDateTime to) {
            sample();
            synchronized (samples) {
                return at(to).minus(at(from));
            }
        }

        private Usage at(LocalDateTime time) {
            Map.Entry<LocalDateTime, Usage> best = samples.get(0);
            for (Map.Entry<LocalDateTime, Usage> sample : samples) {
                if (Math.abs(Duration.between(sample.getKey(), time).toMillis())
                        < Math.abs(Duration.between(best.getKey(), time).toMillis())) {
                    best = sample;
                }
            }
            return best.getValue();
        }

        /**
         * The postmaster of our data directory and its children: their own CPU, plus what the postmaster collected
         * from children that have exited. 0 when /proc is not there.
         */
        double postgresCpuMillis() {
            try {
                if (postmaster == null) {
                    postmaster = findPostmaster();
                    if (postmaster == null) {
                        return 0;
                    }
                }
                String[] own = stat(postmaster);
                long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13])
                        + Long.parseLong(own[14]);
                String children = Files.readString(Path.of("/proc", postmaster, "task", postmaster, "children")).trim();
                for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
                    try {
                        String[] fields = stat(child);
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    } catch (IOException gone) {
                        // the backend ended while we looked; the postmaster's cutime has it next time
                    }
                }
                return ticks * 1000.0 / ticksPerSecond;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** The fields of /proc/pid/stat after the command name: [0] is the state, [11] utime, [12] stime. */
        private static String[] stat(String pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        }

        private String findPostmaster() throws IOException {
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String command = new String(Files.readAllBytes(process.resolve("cmdline")),
                                StandardCharsets.UTF_8);
                        if (command.contains(dataDirectory.toString()) && command.contains("postgres")) {
                            return process.getFileName().toString();
                        }
                    } catch (IOException gone) {
                        // ended while we looked
                    }
                }
            }
            return null;
        }

        private static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                String value = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                p.waitFor();
                return Long.parseLong(value);
            } catch (Exception e) {
                return 100;
            }
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The time the JIT compilers have spent compiling so far (elapsed time, summed over the compiler threads). */
    private static double compileSeconds() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
    }

    private static double gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static long peakHeapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long pdfBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".pdf")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void say(String format, Object... arguments) {
        System.out.printf(format + "%n", arguments);
    }
}
