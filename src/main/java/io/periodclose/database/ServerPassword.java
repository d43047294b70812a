package io.periodclose.database;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The password of the embedded server's superuser, and the server's authentication.
 *
 * <p>The embedded library runs {@code initdb -A trust}: every local OS user could connect to the server as the
 * superuser {@code postgres} without a password (the port is visible to anyone with {@code ps}), and a superuser
 * can get round the ledger's append-only triggers or run {@code COPY ... TO PROGRAM}. So each home has a random
 * password in {@code <home>/db-password} (0600, the home 0700), created once and reused; right after a server on the
 * home is started (or joined, for one left running by an earlier release), its {@code pg_hba.conf} is checked and,
 * when it is not this class's, the password is set over the still-trusted connection, {@code pg_hba.conf} rewritten
 * to {@code scram-sha-256} only and the configuration reloaded. A new home is switched right after its first start;
 * a home of an earlier release at its next start.
 */
public final class ServerPassword {

    private static final Logger log = LoggerFactory.getLogger(ServerPassword.class);
    public static final String FILE = "db-password";
    /** The whole of the {@code pg_hba.conf} of a home's server: the password, locally only, nothing else. */
    static final String HBA = """
            # period-close: the superuser's password is in db-password in the home (readable by its owner only).
            # Rewritten at each start if changed; only scram-sha-256, no trust.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private ServerPassword() {
    }

    /**
     * The home's password, created (32 random bytes) on first use; the home made 0700 and the file 0600. Called
     * under {@code server.lock}, so two processes never create it at once; the file appears whole or not at all.
     */
    public static String of(Path home) throws IOException {
        Files.createDirectories(home);
        ownerOnly(home, OWNER_ONLY_DIRECTORY);
        Path file = home.resolve(FILE);
        if (!Files.exists(file) && required(home.resolve(HomeMigration.DATA))) {
            throw new IOException("its server asks for a password and " + file + " is missing: restore it from a"
                    + " backup of the home, or see README, Database, to give the server a new one");
        }
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temporary = home.resolve(FILE + ".tmp");
            Files.deleteIfExists(temporary);
            if (posix(home)) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
            }
        }
        ownerOnly(file, OWNER_ONLY_FILE);
        return read(file);
    }

    /** The home's password if it has one: for the connections that must not create it (stopping a server). */
    static Optional<String> existing(Path home) {
        Path file = home.resolve(FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty: remove it and restart (see README, Database)");
        }
        return password;
    }

    /** Whether the server on {@code dataDirectory} is configured to ask for the password (and for nothing else). */
    public static boolean required(Path dataDirectory) {
        try {
            return Files.readString(dataDirectory.resolve("pg_hba.conf"), StandardCharsets.UTF_8).equals(HBA);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the running server on {@code dataDirectory} ask for {@code password}: unless its {@code pg_hba.conf} is
     * already this class's, sets the superuser's password (over a connection its trust still lets in), rewrites
     * {@code pg_hba.conf} and reloads it. Returns whether it switched the server.
     */
    static boolean require(Path dataDirectory, int port, String password) throws IOException {
        if (required(dataDirectory)) {
            return false;
        }
        String url = "jdbc:postgresql://localhost:" + port + "/" + EmbeddedDatabase.DATABASE;
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, password)) {
            // hashed here, by the driver: the password itself never reaches the server, nor its log
            connection.unwrap(PGConnection.class).alterUserPassword(EmbeddedDatabase.USER, password.toCharArray(),
                    "scram-sha-256");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            Path temporary = dataDirectory.resolve("pg_hba.conf.tmp");
            Files.writeString(temporary, HBA, StandardCharsets.UTF_8);
            ownerOnly(temporary, OWNER_ONLY_FILE);
            Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("cannot set the password of the embedded PostgreSQL on " + dataDirectory + " ("
                    + e.getMessage() + "); if " + FILE + " in the home was lost or replaced, see README, Database", e);
        }
        awaitRefusedWithoutPassword(url, dataDirectory);
        log.info("The embedded PostgreSQL on {} now asks for the password in {}", dataDirectory,
                dataDirectory.getParent().resolve(FILE));
        return true;
    }

    /** The postmaster reloads on its own time: only once a connection without the password is refused is it done. */
    private static void awaitRefusedWithoutPassword(String url, Path dataDirectory) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection ignored = DriverManager.getConnection(url, EmbeddedDatabase.USER, "")) {
                Thread.sleep(50);
            } catch (SQLException e) {
                if (refusedForItsPassword(e)) {
                    return;
                }
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the embedded PostgreSQL on " + dataDirectory + " still lets a connection in without"
                + " the password after its pg_hba.conf was rewritten");
    }

    /** 28P01 wrong password, 28000 no pg_hba.conf line lets it in, 08004 the driver had no password to give. */
    static boolean refusedForItsPassword(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState()) || "08004".equals(e.getSQLState());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
