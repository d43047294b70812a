package io.periodclose.importing;

import java.nio.file.Path;

/** What an import did: read = accepted + rejected + unchanged, always. */
public record ImportSummary(long importId, ImportKind kind, Path file, long jobExecutionId, String status,
                            long read, long accepted, long rejected, long unchanged, Path rejectReport) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public String describe() {
        return "%s %s: read %d, accepted %d, rejected %d, unchanged %d".formatted(
                kind.commandName(), file, read, accepted, rejected, unchanged);
    }
}
