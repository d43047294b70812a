package io.periodclose.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files written from data stay inside their folder: no climbing out by name, no folder that is a link elsewhere. */
class ContainedPathTest {

    @TempDir
    Path temp;

    @Test
    void aChildStaysInsideItsFolder() {
        Path out = temp.resolve("out");
        assertThat(ContainedPath.resolve(out, "statements", "2026-Q1"))
                .isEqualTo(out.toAbsolutePath().resolve("statements/2026-Q1"));
        assertThatThrownBy(() -> ContainedPath.resolve(out, "statements", "../../x"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> ContainedPath.resolve(out, "/etc/passwd")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> ContainedPath.resolve(out, "a\0b")).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void aFolderThatIsASymbolicLinkIsRefusedNotFollowed() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out/statements"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("2025-Q3"), elsewhere);
        assertThatThrownBy(() -> ContainedPath.resolve(temp.resolve("out"), "statements", "2025-Q3"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("symbolic link");

        Path linkedStatements = Files.createDirectories(temp.resolve("out2"));
        Files.createSymbolicLink(linkedStatements.resolve("statements"), elsewhere);
        assertThatThrownBy(() -> ContainedPath.resolve(linkedStatements, "statements", "2025-Q3", "X1.pdf"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("statements");
    }

    @Test
    void aFileThatIsALinkIsLeftToTheAtomicMoveThatReplacesIt() throws Exception {
        Path period = Files.createDirectories(temp.resolve("out/statements/2025-Q3"));
        Path victim = Files.writeString(temp.resolve("victim.txt"), "keep");
        Files.createSymbolicLink(period.resolve("X1.pdf"), victim);
        Path file = ContainedPath.resolve(period, "X1.pdf");
        io.periodclose.statement.StatementFiles.write(file, new byte[] {1, 2, 3});
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(Files.readString(victim)).isEqualTo("keep");
    }
}
