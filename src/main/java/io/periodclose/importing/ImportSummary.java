package io.periodclose.importing;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did: read = accepted + rejected + unchanged, always. {@code failures}: why a failed import failed
 * (the job's exceptions, which the job repository keeps only as text).
 */
public record ImportSummary(long importId, ImportKind kind, Path file, long jobExecutionId, String status,
                            long read, long accepted, long rejected, long unchanged, Path rejectReport,
                            List<Throwable> failures) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public String describe() {
        return "%s %s: read %d, accepted %d, rejected %d, unchanged %d".formatted(
                kind.commandName(), file, read, accepted, rejected, unchanged);
    }
}
