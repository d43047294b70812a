package io.periodclose.database;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The PostgreSQL 14 binaries of the previous releases, kept for {@code db migrate} only. The build unpacks them
 * from their Maven artifacts into a resource folder of their own (pom.xml), since the 17 binaries own the
 * library's default resource names; this resolver finds them there the way the library finds its own: a
 * distribution-specific archive (Alpine) first, then the system's, then x86_64 under emulation on ARM.
 */
public final class PreviousBinaries implements PgBinaryResolver {

    public static final PreviousBinaries INSTANCE = new PreviousBinaries();
    private static final String FOLDER = "/io/periodclose/database/postgres" + ServerVersion.PREVIOUS_EMBEDDED_MAJOR + "/";

    private PreviousBinaries() {
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String os = normalize(system);
        String arch = normalize(machineHardware);
        String distribution = LinuxUtils.getDistributionName();
        if (distribution != null) {
            InputStream specific = resource("postgres-" + os + "-" + arch + "-" + normalize(distribution) + ".txz");
            if (specific != null) {
                return specific;
            }
        }
        InputStream plain = resource("postgres-" + os + "-" + arch + ".txz");
        if (plain != null) {
            return plain;
        }
        if (arch.equals("arm_64") || arch.equals("aarch64")) {
            InputStream emulated = resource("postgres-" + os + "-x86_64.txz");
            if (emulated != null) {
                return emulated;
            }
        }
        throw new IOException("This release has no PostgreSQL " + ServerVersion.PREVIOUS_EMBEDDED_MAJOR
                + " binaries for " + system + " on " + machineHardware);
    }

    private static InputStream resource(String name) {
        return PreviousBinaries.class.getResourceAsStream(FOLDER + name);
    }

    private static String normalize(String text) {
        return text.replace(' ', '_').toLowerCase(Locale.ROOT);
    }
}
