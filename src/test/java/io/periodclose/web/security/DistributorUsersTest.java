package io.periodclose.web.security;

import io.periodclose.BadInputException;
import io.periodclose.support.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DISTRIBUTOR users in the users file: bound to exactly one distributor, never with another role. */
class DistributorUsersTest {

    @TempDir
    Path home;

    @Test
    void usersAddBindsADistributorUserToItsCode() {
        Path file = home.resolve("users.yml");
        CommandLineRun added = withStdin("olga-password-1\n", () -> CommandLineRun.of("--home", home.toString(),
                "users", "add", "olga", "--role", "DISTRIBUTOR", "--distributor", "D000123", "--password-stdin"));
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(UsersFile.read(file)).singleElement().satisfies(user -> {
            assertThat(user.roles()).containsExactly(Role.DISTRIBUTOR);
            assertThat(user.distributor()).isEqualTo("D000123");
        });
        assertThat(CommandLineRun.of("--home", home.toString(), "users", "list").out())
                .contains("olga\t[DISTRIBUTOR]\tD000123");

        CommandLineRun unbound = withStdin("olga-password-1\n", () -> CommandLineRun.of("--home", home.toString(),
                "users", "add", "oleg", "--role", "DISTRIBUTOR", "--password-stdin"));
        assertThat(unbound.exitCode()).isEqualTo(2);
        assertThat(unbound.err()).contains("a DISTRIBUTOR user needs 'distributor'");
        CommandLineRun mixed = withStdin("olga-password-1\n", () -> CommandLineRun.of("--home", home.toString(),
                "users", "add", "oleg", "--role", "DISTRIBUTOR", "--role", "FINANCE", "--distributor", "D1",
                "--password-stdin"));
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("DISTRIBUTOR cannot be combined");
        CommandLineRun staff = withStdin("olga-password-1\n", () -> CommandLineRun.of("--home", home.toString(),
                "users", "add", "oleg", "--role", "ADMIN", "--distributor", "D1", "--password-stdin"));
        assertThat(staff.exitCode()).isEqualTo(2);
        assertThat(staff.err()).contains("only a DISTRIBUTOR user is bound to a distributor");
        assertThat(UsersFile.read(file)).hasSize(1);
    }

    @Test
    void aDistributorCodeIsCheckedByTheImportsRuleSoACyrillicCodeGetsUsersAndDotsDoNot() {
        Path file = home.resolve("users.yml");
        CommandLineRun added = withStdin("dist3-password-1\n", () -> CommandLineRun.of("--home", home.toString(),
                "users", "add", "dist3", "--role", "DISTRIBUTOR", "--distributor", "ДИСТ1", "--password-stdin"));
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(UsersFile.read(file)).singleElement().extracting(UsersFile.User::distributor).isEqualTo("ДИСТ1");

        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        String token = Invitations.issue(file, "ДИСТ2", Duration.ofHours(72), "anna", now);
        UsersFile.User invited = Invitations.accept(file, token, "olga", new BCryptPasswordEncoder()
                .encode("olga-password-1"), now.plusSeconds(60));
        assertThat(invited.distributor()).isEqualTo("ДИСТ2");
        assertThat(UsersFile.read(file)).extracting(UsersFile.User::distributor).containsExactly("ДИСТ1", "ДИСТ2");

        for (String code : new String[]{"..", "-x", ".hidden", "D 1", "a/b", "x".repeat(41)}) {
            CommandLineRun refused = withStdin("dist4-password-1\n", () -> CommandLineRun.of("--home",
                    home.toString(), "users", "add", "dist4", "--role", "DISTRIBUTOR", "--distributor", code,
                    "--password-stdin"));
            assertThat(refused.exitCode()).as(code).isEqualTo(2);
            assertThat(refused.err()).as(code).contains("a DISTRIBUTOR user needs 'distributor'");
            assertThatThrownBy(() -> Invitations.issue(file, code, Duration.ofHours(1), "anna", now)).as(code)
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith("--distributor: ");
        }
        assertThat(UsersFile.read(file)).hasSize(2);
    }

    @Test
    void aHandEditedFileThatMixesThemIsRefusedNamingTheUser() throws Exception {
        Path file = home.resolve("users.yml");
        String hash = new BCryptPasswordEncoder().encode("correct horse battery");
        Files.writeString(file, "users:\n  - name: eve\n    password: \"{bcrypt}" + hash + "\"\n"
                + "    roles: [DISTRIBUTOR, ADMIN]\n    distributor: D1\n");
        assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("user 'eve'").hasMessageContaining("cannot be combined");
        Files.writeString(file, "users:\n  - name: eve\n    password: \"{bcrypt}" + hash + "\"\n"
                + "    roles: [DISTRIBUTOR]\n    distributor: ../D1\n");
        assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("needs 'distributor'");
    }

    @Test
    void anInvitationIsStoredAsAHashAndUsedOnceBeforeItExpires() {
        Path file = home.resolve("users.yml");
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        String token = Invitations.issue(file, "D000123", Duration.ofHours(72), "anna", now);
        assertThat(Invitations.find(file, token, now.plus(Duration.ofHours(71)))).isPresent();
        assertThat(Invitations.find(file, token, now.plus(Duration.ofHours(72)))).isEmpty();
        assertThat(Invitations.find(file, token.substring(1) + "A", now)).isEmpty();

        String hash = new BCryptPasswordEncoder().encode("olga-password-1");
        UsersFile.User olga = Invitations.accept(file, token, "olga", hash, now.plusSeconds(60));
        assertThat(olga).isEqualTo(new UsersFile.User("olga", hash, EnumSet.of(Role.DISTRIBUTOR), "D000123"));
        assertThat(UsersFile.read(file)).containsExactly(olga);
        assertThat(Invitations.read(file)).isEmpty();
        assertThatThrownBy(() -> Invitations.accept(file, token, "olga2", hash, now.plusSeconds(120)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already used or expired");
    }

    private static CommandLineRun withStdin(String input, Supplier<CommandLineRun> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }
}
