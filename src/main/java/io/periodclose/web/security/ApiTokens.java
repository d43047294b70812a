package io.periodclose.web.security;

import io.periodclose.BadInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API tokens for machines (monitoring, an external scheduler): a random 256-bit secret, shown once by
 * {@code period-close users token NAME} and accepted as {@code Authorization: Bearer <token>} with the roles of
 * NAME in the users file. Only a keyed hash of each token is stored (HMAC-SHA256), so that checking one costs
 * microseconds rather than a bcrypt round, and a copy of the tokens file alone does not let anyone in. Next to the
 * users file {@code users.yml}:
 * <ul>
 *   <li>{@code users.tokens.yml}: per user at most one token: its HMAC, a short id, when and by whom it was issued;</li>
 *   <li>{@code users.token-key}: the 256-bit HMAC key, created with the first token, readable by its owner only.</li>
 * </ul>
 * A new token of a user replaces the previous one; {@code users revoke-token NAME} removes it. Removing a user
 * from the users file makes its token useless; deleting the key file makes every token useless.
 */
public final class ApiTokens {

    /** One issued token, as stored: never the token itself. */
    public record Token(String user, String id, String hmac, Instant issued, String issuedBy) {
    }

    /** The prefix of every token, so that a leaked one is recognisable (e.g. by secret scanners). */
    static final String PREFIX = "pct_";
    private static final int KEY_BYTES = 32;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ApiTokens() {
    }

    public static Path tokensFile(Path usersFile) {
        return sibling(usersFile, ".tokens.yml");
    }

    public static Path keyFile(Path usersFile) {
        return sibling(usersFile, ".token-key");
    }

    private static Path sibling(Path usersFile, String suffix) {
        String name = usersFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return usersFile.toAbsolutePath().resolveSibling(name + suffix);
    }

    /** Issues a new token for {@code user}, replacing any earlier one, and returns it: it is not stored anywhere. */
    public static String issue(Path usersFile, String user, String issuedBy) {
        byte[] key = key(usersFile, true);
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hmac = hmac(key, token);
        List<Token> tokens = new ArrayList<>(read(usersFile));
        tokens.removeIf(existing -> existing.user().equals(user));
        tokens.add(new Token(user, hmac.substring(0, 12), hmac, Instant.now(), issuedBy));
        write(tokensFile(usersFile), tokens);
        return token;
    }

    /** Removes the token of {@code user}; false when it had none. */
    public static boolean revoke(Path usersFile, String user) {
        List<Token> tokens = new ArrayList<>(read(usersFile));
        boolean removed = tokens.removeIf(existing -> existing.user().equals(user));
        if (removed) {
            write(tokensFile(usersFile), tokens);
        }
        return removed;
    }

    /** The stored tokens; none when there is no tokens file. */
    public static List<Token> read(Path usersFile) {
        Path file = tokensFile(usersFile);
        JsonNode root = UsersFile.readTree(YAML, file);
        List<Token> tokens = new ArrayList<>();
        if (root == null) {
            return tokens;
        }
        for (JsonNode node : root.path("tokens")) {
            String hmac = node.path("hmac").asString("");
            if (!hmac.matches("[0-9a-f]{64}")) {
                throw new BadInputException(file + ": token of '" + node.path("user").asString("")
                        + "': 'hmac' must be 64 hexadecimal digits");
            }
            tokens.add(new Token(node.path("user").asString(""), node.path("id").asString(hmac.substring(0, 12)),
                    hmac, Instant.parse(node.path("issued").asString(Instant.EPOCH.toString())),
                    node.path("issuedBy").asString("")));
        }
        return tokens;
    }

    /** The HMAC key; created (owner-only) when {@code create} and missing, else null when missing. */
    public static byte[] key(Path usersFile, boolean create) {
        Path file = keyFile(usersFile);
        try {
            return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            if (!create) {
                return null;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file + ": not a readable token key: " + e.getMessage(), e);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            return key;
        } catch (FileAlreadyExistsException raced) {
            return key(usersFile, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** HMAC-SHA256 of {@code text} under {@code key}, in lower-case hexadecimal. */
    public static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Compares two hashes in constant time. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Path file, List<Token> tokens) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("tokens");
        for (Token token : tokens) {
            ObjectNode node = list.addObject();
            node.put("user", token.user());
            node.put("id", token.id());
            node.put("hmac", token.hmac());
            node.put("issued", token.issued().toString());
            node.put("issuedBy", token.issuedBy());
        }
        UsersFile.writeTree(YAML, file, root);
    }
}
