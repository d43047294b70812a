package io.periodclose.database;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ledger.LedgerCheck;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Carries a home whose embedded cluster is of the previous PostgreSQL major (14) over to the current one (17).
 *
 * <p>The old cluster is started with its own binaries, a new cluster is created beside it
 * ({@code pgdata-17-migrating}), the schema is created there by the same Flyway migrations up to the version the
 * old books have, every table's rows are copied with COPY and every sequence's position carried over. Then the
 * copy is verified against the original (the schema's objects, each table's row count and a hash of its rows,
 * the sequences, the ledger's invariants of {@code verify}, the job repository) and only then the home is switched
 * over: {@code pgdata} becomes {@code pgdata-14-old}, the new cluster becomes {@code pgdata}. Until that switch the
 * old data directory is only ever opened by its own binaries and never written to by the migration, so a failure
 * or a kill at any earlier point leaves a home the previous release still opens; the next run starts over.
 *
 * <p>The zonky binaries hold only initdb, pg_ctl and postgres (no pg_dump, no pg_upgrade), hence the copy over
 * JDBC; COPY's text format is what pg_dump itself uses for the rows.
 */
public final class HomeMigration {

    public static final String DATA = "pgdata";
    static final String MIGRATING = "pgdata-" + ServerVersion.EMBEDDED_MAJOR + "-migrating";
    /** Written into the new cluster once verified and both servers are stopped; removed after the switch. */
    static final String VERIFIED = "period-close-migration-verified";

    private final Path home;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private HomeMigration(Path home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    public static String oldDataName(int major) {
        return "pgdata-" + major + "-old";
    }

    /**
     * For every command but {@code db migrate}: refuses (exit 2) a home whose cluster this release's server cannot
     * open, before any server starts on it.
     */
    public static void refuseUnmigratedHome(Path home) {
        Path data = home.resolve(DATA);
        OptionalInt major = ServerVersion.ofDataDirectory(data);
        if (major.isPresent() && major.getAsInt() < ServerVersion.EMBEDDED_MAJOR) {
            throw new BadInputException("the books under " + home.toAbsolutePath() + " are in a PostgreSQL "
                    + major.getAsInt() + " database, and this release runs PostgreSQL " + ServerVersion.EMBEDDED_MAJOR
                    + ". Run `period-close --home " + home + " db migrate` to carry them over (it keeps the old data"
                    + " directory); nothing was changed.");
        }
        if (major.isPresent() && major.getAsInt() > ServerVersion.EMBEDDED_MAJOR) {
            throw new BadInputException("the books under " + home.toAbsolutePath() + " are in a PostgreSQL "
                    + major.getAsInt() + " database, made by a newer release than this one (PostgreSQL "
                    + ServerVersion.EMBEDDED_MAJOR + "): use that release.");
        }
        if (major.isEmpty() && Files.exists(home.resolve(MIGRATING).resolve(VERIFIED))) {
            throw new BadInputException("a `db migrate` of " + home.toAbsolutePath() + " was interrupted while"
                    + " switching the home over: run `period-close --home " + home + " db migrate` to finish it.");
        }
    }

    /** Why a migration stopped; the old home is untouched. */
    public static final class MigrationFailed extends RuntimeException {
        MigrationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Migrates {@code home} if it needs it, printing each step to {@code out}; returns true when it switched it. */
    public static boolean migrate(Path home, PrintStream out) {
        return new HomeMigration(home.toAbsolutePath().normalize(), out).run();
    }

    private boolean run() {
        Path data = home.resolve(DATA);
        if (!Files.isDirectory(home)) {
            out.println("nothing to migrate: " + home + " does not exist (the first command creates it with PostgreSQL "
                    + ServerVersion.EMBEDDED_MAJOR + ")");
            return false;
        }
        OptionalInt current = ServerVersion.ofDataDirectory(data);
        if (current.isPresent() && current.getAsInt() == ServerVersion.EMBEDDED_MAJOR
                && !Files.exists(home.resolve(MIGRATING))) {
            // nothing to do, and no need for the home to itself (a server may well be running on it)
            out.println("nothing to migrate: the database under " + home + " is already PostgreSQL "
                    + ServerVersion.EMBEDDED_MAJOR);
            return false;
        }
        try (FileChannel serverLockFile = FileChannel.open(home.resolve("server.lock"), CREATE, READ, WRITE);
             FileChannel usersLockFile = FileChannel.open(home.resolve("users.lock"), CREATE, READ, WRITE);
             FileLock ignored = serverLockFile.lock()) {
            // every process using the home's server holds a shared lock on users.lock: none may while we migrate
            FileLock alone = usersLockFile.tryLock();
            if (alone == null) {
                throw new RefusedException(home + " is in use by another period-close command (serve, a close, ...):"
                        + " stop it, then run db migrate again");
            }
            try {
                return runAlone(data);
            } finally {
                alone.release();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot lock " + home + ": " + e.getMessage(), e);
        }
    }

    private boolean runAlone(Path data) throws IOException {
        Path migrating = home.resolve(MIGRATING);
        OptionalInt major = ServerVersion.ofDataDirectory(data);
        if (major.isEmpty() && Files.exists(migrating.resolve(VERIFIED))) {
            step("finishing the switch-over a previous db migrate was interrupted in");
            switchOver(data, migrating);
            return true;
        }
        if (major.isEmpty()) {
            out.println("nothing to migrate: " + home + " has no database yet (the first command creates it with"
                    + " PostgreSQL " + ServerVersion.EMBEDDED_MAJOR + ")");
            return false;
        }
        if (major.getAsInt() == ServerVersion.EMBEDDED_MAJOR) {
            out.println("nothing to migrate: the database under " + home + " is already PostgreSQL "
                    + ServerVersion.EMBEDDED_MAJOR);
            discard(migrating);
            return false;
        }
        if (major.getAsInt() != ServerVersion.PREVIOUS_EMBEDDED_MAJOR) {
            throw new BadInputException("the database under " + home + " is PostgreSQL " + major.getAsInt()
                    + "; this release carries over PostgreSQL " + ServerVersion.PREVIOUS_EMBEDDED_MAJOR + " homes only");
        }
        Path old = home.resolve(oldDataName(major.getAsInt()));
        if (Files.exists(old)) {
            throw new BadInputException(old + " already exists (an earlier migration's old data?): move it out of "
                    + home + ", then run db migrate again");
        }
        if (!Files.isRegularFile(data.resolve("postgresql.conf"))) {
            throw new BadInputException(data + " is not a complete PostgreSQL data directory (no postgresql.conf):"
                    + " db migrate leaves it alone");
        }
        out.printf("migrating the embedded database under %s from PostgreSQL %d to %d%n", home, major.getAsInt(),
                ServerVersion.EMBEDDED_MAJOR);
        // a server orphaned by a killed process (a command of the previous release, or a killed db migrate) is
        // unused now that we hold the home alone
        stopOrphanedServer(data);
        discard(migrating);

        EmbeddedPostgres oldServer = null;
        EmbeddedPostgres newServer = null;
        String password = ServerPassword.of(home);
        try {
            step("starting the PostgreSQL %d server on the old data (%s) with its own binaries", major.getAsInt(), data);
            // the old cluster is left as the previous release made it (it must still open it if anything fails):
            // the password is sent, and its trust ignores it
            oldServer = server(data, PreviousBinaries.INSTANCE, password);
            step("creating a PostgreSQL %d cluster beside it (%s)", ServerVersion.EMBEDDED_MAJOR, migrating);
            Files.createDirectories(migrating);
            newServer = server(migrating, null, password);
            // the new cluster asks for the home's password before any of the books is copied into it
            ServerPassword.require(migrating, newServer.getPort(), password);
            try (Connection source = connect(oldServer); Connection target = connect(newServer)) {
                copy(source, target, newServer);
                verify(source, target);
            }
            step("stopping both servers");
            oldServer.close();
            oldServer = null;
            newServer.close();
            newServer = null;
            awaitStopped(data);
            awaitStopped(migrating);
            Files.writeString(migrating.resolve(VERIFIED), "verified copy of " + data + "\n");
        } catch (Exception e) {
            closeQuietly(newServer);
            closeQuietly(oldServer);
            discardQuietly(migrating);
            throw new MigrationFailed("db migrate failed, nothing was switched: the PostgreSQL "
                    + major.getAsInt() + " data in " + data + " is untouched and the previous release still opens it ("
                    + e.getMessage() + ")", e);
        }
        switchOver(data, migrating);
        return true;
    }

    // ---------------------------------------------------------------------------------------------- copy

    private void copy(Connection source, Connection target, EmbeddedPostgres newServer) throws SQLException, IOException {
        source.setAutoCommit(false);
        execute(source, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        Optional<String> schemaVersion = schemaVersion(source);
        if (schemaVersion.isPresent()) {
            step("creating the schema (Flyway migrations up to version %s, as in the old database)", schemaVersion.get());
            Flyway.configure()
                    .dataSource(newServer.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .target(schemaVersion.get())
                    .load()
                    .migrate();
        }
        List<String> sourceSchema = schemaObjects(source);
        List<String> targetSchema = schemaObjects(target);
        if (!sourceSchema.equals(targetSchema)) {
            List<String> missing = new ArrayList<>(sourceSchema);
            missing.removeAll(targetSchema);
            List<String> extra = new ArrayList<>(targetSchema);
            extra.removeAll(sourceSchema);
            throw new IllegalStateException("the old database's schema is not what its migrations create: only in"
                    + " the old one " + first(missing) + ", only in the new one " + first(extra));
        }
        List<String> tables = tables(source);
        step("copying the rows of %d tables", tables.size());
        target.setAutoCommit(false);
        // as pg_restore --disable-triggers: no trigger or foreign key check fires while rows are loaded as they were
        execute(target, "SET LOCAL session_replication_role = replica");
        if (!tables.isEmpty()) {
            execute(target, "TRUNCATE " + String.join(", ", tables(target)));
        }
        long rows = 0;
        for (String table : tables) {
            String columns = String.join(", ", columns(source, table));
            long copied = copyTable(source, target, table, columns);
            rows += copied;
            out.printf("  copied %s: %d rows%n", table, copied);
        }
        for (Map.Entry<String, String> sequence : sequences(source).entrySet()) {
            String[] state = sequence.getValue().split(" ");
            try (Statement statement = target.createStatement()) {
                statement.execute("SELECT setval('" + sequence.getKey().replace("'", "''") + "', " + state[0] + ", "
                        + state[1] + ")");
            }
        }
        target.commit();
        target.setAutoCommit(true);
        execute(target, "ANALYZE");
        step("copied %d rows", rows);
    }

    private static long copyTable(Connection source, Connection target, String table, String columns)
            throws SQLException {
        CopyOut reader = source.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY " + table + " (" + columns + ") TO STDOUT");
        CopyIn writer = null;
        try {
            writer = target.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
            byte[] buffer;
            while ((buffer = reader.readFromCopy()) != null) {
                writer.writeToCopy(buffer, 0, buffer.length);
            }
            return writer.endCopy();
        } catch (SQLException e) {
            if (writer != null && writer.isActive()) {
                writer.cancelCopy();
            }
            if (reader.isActive()) {
                reader.cancelCopy();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------- verify

    private void verify(Connection source, Connection target) throws SQLException {
        step("verifying the copy against the original");
        List<String> tables = tables(source);
        long rows = 0;
        for (String table : tables) {
            String sql = "SELECT count(*) || ' ' || coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)"
                    + " FROM ONLY " + table + " t";
            String before = single(source, sql);
            String after = single(target, sql);
            if (!before.equals(after)) {
                throw new IllegalStateException("table " + table + " differs after the copy: " + rowsOf(before)
                        + " rows before, " + rowsOf(after) + " after (or the same count with different contents)");
            }
            rows += Long.parseLong(rowsOf(before));
        }
        out.printf("  %d tables, %d rows: same row counts and contents%n", tables.size(), rows);
        Map<String, String> sequences = sequences(source);
        if (!sequences.equals(sequences(target))) {
            throw new IllegalStateException("the sequences differ after the copy");
        }
        out.printf("  %d sequences at the same positions%n", sequences.size());
        if (tables.contains("public.ledger_entry")) {
            List<LedgerCheck.Result> before = ledgerCheck(source);
            List<LedgerCheck.Result> after = ledgerCheck(target);
            if (!before.equals(after)) {
                throw new IllegalStateException("the ledger's invariants differ after the copy: " + before + " before, "
                        + after + " after");
            }
            long holding = after.stream().filter(LedgerCheck.Result::holds).count();
            out.printf("  ledger invariants (verify): %d of %d hold, as before%n", holding, after.size());
        }
        if (tables.contains("public.batch_job_execution")) {
            String sql = "SELECT (SELECT count(*) FROM batch_job_instance) || ' job instances, '"
                    + " || (SELECT count(*) FROM batch_job_execution) || ' job executions, '"
                    + " || (SELECT count(*) FROM batch_step_execution) || ' step executions, last execution '"
                    + " || coalesce((SELECT max(job_execution_id)::text FROM batch_job_execution), 'none')";
            String before = single(source, sql);
            if (!before.equals(single(target, sql))) {
                throw new IllegalStateException("the job repository differs after the copy");
            }
            out.println("  job repository: " + before + ", as before");
        }
    }

    private static List<LedgerCheck.Result> ledgerCheck(Connection connection) {
        return new LedgerCheck(new JdbcTemplate(new SingleConnectionDataSource(connection, true))).run();
    }

    private static String rowsOf(String countAndHash) {
        return countAndHash.substring(0, countAndHash.indexOf(' '));
    }

    // ---------------------------------------------------------------------------------------------- switch

    private void switchOver(Path data, Path migrating) throws IOException {
        int major = ServerVersion.ofDataDirectory(migrating).orElseThrow();
        Path old = home.resolve(oldDataName(ServerVersion.PREVIOUS_EMBEDDED_MAJOR));
        step("switching the home over: %s -> %s, %s -> %s", data.getFileName(), old.getFileName(),
                migrating.getFileName(), data.getFileName());
        if (Files.exists(data)) {
            Files.move(data, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(migrating, data, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(data.resolve(VERIFIED));
        syncDirectory(home);
        out.printf("done in %s: the books under %s are now in PostgreSQL %d.%n", elapsed(), home, major);
        out.printf("The old PostgreSQL %d data is kept in %s: remove it once you are satisfied (the previous release"
                + " can no longer open this home; to go back to it, move %s away and rename %s to %s).%n",
                ServerVersion.PREVIOUS_EMBEDDED_MAJOR, old, data.getFileName(), old.getFileName(), data.getFileName());
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not every platform can sync a directory; the renames are atomic either way
        }
    }

    // ---------------------------------------------------------------------------------------------- servers

    /** A server on {@code dataDirectory} set up as {@link EmbeddedDatabase} sets up the home's own. */
    static EmbeddedPostgres server(Path dataDirectory, PgBinaryResolver binaries) throws IOException {
        return server(dataDirectory, binaries, null);
    }

    /** As {@link #server(Path, PgBinaryResolver)}, its connections (the library's own included) with {@code password}. */
    static EmbeddedPostgres server(Path dataDirectory, PgBinaryResolver binaries, String password) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofMinutes(2))
                .setLocaleConfig("locale", "C")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (binaries != null) {
            builder.setPgBinaryResolver(binaries);
        }
        if (password != null) {
            builder.setConnectConfig("password", password);
        }
        return builder.start();
    }

    private static Connection connect(EmbeddedPostgres server) throws SQLException {
        Connection connection = server.getPostgresDatabase().getConnection();
        // the row texts compared by the verification must not depend on session settings
        execute(connection, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
                + " SET extra_float_digits = 3; SET bytea_output = 'hex'");
        return connection;
    }

    /** Stops a server still running on {@code dataDirectory} after the process that started it died. */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Optional<Integer> port = EmbeddedDatabase.runningServerPort(dataDirectory);
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (port.isEmpty() && !Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postgres.exe"))
                        .orElse(port.isPresent()));
        if (postmaster.isEmpty()) {
            return;
        }
        // SIGINT is PostgreSQL's fast shutdown
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the PostgreSQL server left running on " + dataDirectory + " (pid " + pid
                    + ") did not stop within a minute", e);
        }
    }

    /** Waits for the postmaster to have removed its pid file: only then is the data directory ours to rename. */
    private static void awaitStopped(Path dataDirectory) throws InterruptedException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        for (int attempt = 0; attempt < 600 && Files.exists(pidFile); attempt++) {
            Thread.sleep(100);
        }
        if (Files.exists(pidFile)) {
            throw new IllegalStateException("the PostgreSQL server on " + dataDirectory + " did not stop within a minute");
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException ignored) {
                // failing anyway; the original problem is the one to report
            }
        }
    }

    private static void discard(Path migrating) throws IOException {
        if (!Files.exists(migrating)) {
            return;
        }
        stopOrphanedServer(migrating);
        Files.walkFileTree(migrating, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void discardQuietly(Path migrating) {
        try {
            discard(migrating);
        } catch (IOException | RuntimeException ignored) {
            // the next db migrate discards it again before it starts
        }
    }

    // ---------------------------------------------------------------------------------------------- catalogue

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private static Optional<String> schemaVersion(Connection connection) throws SQLException {
        if (single(connection, "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL").equals("f")) {
            return Optional.empty();
        }
        return Optional.ofNullable(single(connection, "SELECT version FROM flyway_schema_history"
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"));
    }

    /** Tables, qualified and quoted, in a stable order. */
    private static List<String> tables(Connection connection) throws SQLException {
        return list(connection, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND " + USER_SCHEMAS
                + " ORDER BY 1");
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return list(connection, "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '"
                + table.replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
                + " ORDER BY attnum");
    }

    /** Each sequence with "last_value is_called". */
    private static Map<String, String> sequences(Connection connection) throws SQLException {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String sequence : list(connection, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND "
                + USER_SCHEMAS + " ORDER BY 1")) {
            positions.put(sequence, single(connection, "SELECT last_value || ' ' || is_called FROM " + sequence));
        }
        return positions;
    }

    /** The schema's objects by name (tables' columns with their types, indexes, constraints, triggers, ...). */
    private static List<String> schemaObjects(Connection connection) throws SQLException {
        return list(connection, """
                SELECT 'column ' || c.table_schema || '.' || c.table_name || '.' || c.column_name || ' ' || c.data_type
                       || ' nullable=' || c.is_nullable
                  FROM information_schema.columns c
                 WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
                UNION ALL
                SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'i' THEN 'index ' WHEN 'S' THEN 'sequence '
                                      WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'p' THEN 'table '
                                      ELSE 'relation ' END || n.nspname || '.' || c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'i', 'S', 'v', 'm', 'p') AND %s
                UNION ALL
                SELECT 'constraint ' || n.nspname || '.' || co.conname || ' ' || co.contype::text
                  FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace WHERE %s
                UNION ALL
                SELECT 'trigger ' || t.tgrelid::regclass || '.' || t.tgname FROM pg_trigger t WHERE NOT t.tgisinternal
                UNION ALL
                SELECT 'function ' || n.nspname || '.' || p.proname || ' ' || md5(coalesce(p.prosrc, ''))
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %s
                ORDER BY 1""".formatted(USER_SCHEMAS, USER_SCHEMAS, USER_SCHEMAS));
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "nothing" : items.subList(0, Math.min(5, items.size())).toString();
    }

    private static List<String> list(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void step(String format, Object... args) {
        out.printf("[%s] %s%n", elapsed(), String.format(format, args));
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }

    @Override
    public String toString() {
        return "HomeMigration[" + Objects.toString(home) + "]";
    }
}
