package io.periodclose.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The test users ({@code src/test/resources/users.yml}) for tests whose application writes to its users file. */
public final class TestUsers {

    private TestUsers() {
    }

    /** A copy of the test users in a fresh temporary directory, so the shared file is never changed. */
    public static Path writableCopy() {
        try {
            Path users = Files.createTempDirectory("period-close-users").resolve("users.yml");
            Files.copy(Path.of("src/test/resources/users.yml"), users, StandardCopyOption.REPLACE_EXISTING);
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
