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
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users file of serve: bcrypt hashes only, known roles, no default user, written by `users add`. */
class UsersFileTest {

    @TempDir
    Path home;

    @Test
    void usersAddStoresOnlyABcryptHashAndServeRefusesToStartWithoutUsers() throws Exception {
        Path file = home.resolve("users.yml");
        CommandLineRun noUsers = CommandLineRun.of("--home", home.toString(), "serve", "--port", "0");
        assertThat(noUsers.exitCode()).isEqualTo(2);
        assertThat(noUsers.err()).contains("no built-in user or password", "users add admin --role ADMIN");

        CommandLineRun tooShort = withStdin("short\n", () -> CommandLineRun.of("--home", home.toString(), "users",
                "add", "anna", "--role", "ADMIN", "--password-stdin"));
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.err()).contains("at least 12 characters");
        assertThat(file).doesNotExist();

        CommandLineRun added = withStdin("correct horse battery\n", () -> CommandLineRun.of("--home",
                home.toString(), "users", "add", "anna", "--role", "OPERATOR", "--role", "FINANCE", "--password-stdin"));
        assertThat(added.exitCode()).as(added.err()).isZero();
        String text = Files.readString(file);
        assertThat(text).doesNotContain("correct horse battery").contains("{bcrypt}$2a$");
        UsersFile.User anna = UsersFile.read(file).get(0);
        assertThat(anna.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.FINANCE);
        assertThat(new BCryptPasswordEncoder().matches("correct horse battery", anna.passwordHash())).isTrue();

        assertThat(CommandLineRun.of("--home", home.toString(), "users", "list").out()).contains("anna");
        assertThat(CommandLineRun.of("--home", home.toString(), "users", "remove", "anna").exitCode()).isZero();
        assertThat(UsersFile.read(file)).isEmpty();
        assertThat(CommandLineRun.of("--home", home.toString(), "users", "remove", "anna").exitCode()).isEqualTo(2);
    }

    @Test
    void aPlainPasswordAnUnknownRoleOrATwiceNamedUserIsRefusedWithTheFileAndUser() throws Exception {
        Path file = home.resolve("users.yml");
        Files.writeString(file, "users:\n  - name: bob\n    password: secret123456\n    roles: [ADMIN]\n");
        assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("user 'bob'").hasMessageContaining("must be a bcrypt hash");

        String hash = new BCryptPasswordEncoder().encode("correct horse battery");
        Files.writeString(file, "users:\n  - name: bob\n    password: \"" + hash + "\"\n    roles: [ROOT]\n");
        assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("unknown role 'ROOT'");

        Files.writeString(file, "users:\n  - name: bob\n    password: \"" + hash + "\"\n    roles: []\n");
        assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("at least one of");

        Files.delete(file);
        UsersFile.put(file, new UsersFile.User("bob", hash, EnumSet.of(Role.ADMIN)));
        Files.writeString(file, Files.readString(file) + "- name: \"bob\"\n  password: \"{bcrypt}" + hash
                + "\"\n  roles: [FINANCE]\n");
        assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("the name is given twice");
    }

    @Test
    void usersAddRefusesANameTheFileWouldRefuseAndLeavesTheFileReadable() throws Exception {
        Path file = home.resolve("users.yml");
        CommandLineRun added = withStdin("correct horse battery\n", () -> CommandLineRun.of("--home",
                home.toString(), "users", "add", "anna", "--role", "ADMIN", "--password-stdin"));
        assertThat(added.exitCode()).as(added.err()).isZero();

        for (String name : new String[] {"a\"b", "a b", "", "x".repeat(65), "анна"}) {
            CommandLineRun refused = withStdin("correct horse battery\n", () -> CommandLineRun.of("--home",
                    home.toString(), "users", "add", name, "--role", "FINANCE", "--password-stdin"));
            assertThat(refused.exitCode()).as(name).isEqualTo(2);
            assertThat(refused.err()).as(name).contains("1 to 64 letters, digits or . _ @ -");
        }
        assertThat(UsersFile.read(file)).extracting(UsersFile.User::name).containsExactly("anna");
        assertThat(CommandLineRun.of("--home", home.toString(), "users", "list").exitCode()).isZero();
    }

    private static CommandLineRun withStdin(String input, java.util.function.Supplier<CommandLineRun> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }
}
