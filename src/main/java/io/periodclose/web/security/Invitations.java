package io.periodclose.web.security;

import io.periodclose.BadInputException;
import io.periodclose.files.DistributorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Invitations to the distributor portal: {@code period-close users invite --distributor CODE} prints a one-time
 * link; whoever opens it before it expires chooses a name and a password and becomes a DISTRIBUTOR user of that
 * code in the users file, and the invitation is gone. Kept next to the users file, in
 * {@code users.invitations.yml}, as the SHA-256 of each 256-bit random secret only (a guess is hopeless, so no key
 * is needed as for API tokens, and a copy of the file lets nobody in). Expired invitations are dropped whenever
 * the file is written.
 */
public final class Invitations {

    /** How long a link is valid unless {@code users invite --valid-hours} says otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(72);

    public record Invitation(String sha256, String distributor, Instant expires, String issuedBy) {

        boolean validAt(Instant now) {
            return now.isBefore(expires);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Invitations() {
    }

    public static Path file(Path usersFile) {
        String name = usersFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return usersFile.toAbsolutePath().resolveSibling(name + ".invitations.yml");
    }

    /** A new invitation for {@code distributor}, valid until {@code now + validity}; returns the secret. */
    public static synchronized String issue(Path usersFile, String distributor, Duration validity, String issuedBy,
                                            Instant now) {
        if (!DistributorCode.isValid(distributor)) {
            throw new BadInputException("--distributor: '" + distributor + "' " + DistributorCode.problem(distributor)
                    + "; a distributor code is 1 to 40 letters, digits or . _ -, not starting with . or -");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new BadInputException("an invitation must be valid for some time");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<Invitation> invitations = valid(usersFile, now);
        invitations.add(new Invitation(sha256(token), distributor, now.plus(validity), issuedBy));
        write(usersFile, invitations);
        return token;
    }

    /** The invitation of that secret, if it exists and has not expired. */
    public static Optional<Invitation> find(Path usersFile, String token, Instant now) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hash = sha256(token);
        return read(usersFile).stream()
                .filter(invitation -> MessageDigest.isEqual(invitation.sha256().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(invitation -> invitation.validAt(now))
                .findFirst();
    }

    /**
     * Uses the invitation: adds the DISTRIBUTOR user {@code name} with {@code passwordHash} (bcrypt) and removes
     * the invitation, so the link works once. Refused when the link is unknown, used or expired, or the name taken.
     */
    public static synchronized UsersFile.User accept(Path usersFile, String token, String name, String passwordHash,
                                                     Instant now) {
        Invitation invitation = find(usersFile, token, now)
                .orElseThrow(() -> new BadInputException("this invitation link is unknown, already used or expired"));
        if (!UsersFile.NAME.matcher(name).matches()) {
            throw new BadInputException("the name must be 1 to 64 letters, digits or . _ @ -");
        }
        if (UsersFile.read(usersFile).stream().anyMatch(user -> user.name().equals(name))) {
            throw new BadInputException("the name " + name + " is taken; choose another");
        }
        UsersFile.User user = new UsersFile.User(name, passwordHash, EnumSet.of(Role.DISTRIBUTOR),
                invitation.distributor());
        UsersFile.put(usersFile, user);
        List<Invitation> left = valid(usersFile, now);
        left.removeIf(other -> other.sha256().equals(invitation.sha256()));
        write(usersFile, left);
        return user;
    }

    public static List<Invitation> read(Path usersFile) {
        Path file = file(usersFile);
        JsonNode root = UsersFile.readTree(YAML, file);
        List<Invitation> invitations = new ArrayList<>();
        if (root == null) {
            return invitations;
        }
        for (JsonNode node : root.path("invitations")) {
            String hash = node.path("sha256").asString("");
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new BadInputException(file + ": an invitation's 'sha256' must be 64 hexadecimal digits");
            }
            invitations.add(new Invitation(hash, node.path("distributor").asString(""),
                    Instant.parse(node.path("expires").asString(Instant.EPOCH.toString())),
                    node.path("issuedBy").asString("")));
        }
        return invitations;
    }

    private static List<Invitation> valid(Path usersFile, Instant now) {
        List<Invitation> invitations = new ArrayList<>(read(usersFile));
        invitations.removeIf(invitation -> !invitation.validAt(now));
        return invitations;
    }

    private static void write(Path usersFile, List<Invitation> invitations) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("invitations");
        for (Invitation invitation : invitations) {
            ObjectNode node = list.addObject();
            node.put("sha256", invitation.sha256());
            node.put("distributor", invitation.distributor());
            node.put("expires", invitation.expires().toString());
            node.put("issuedBy", invitation.issuedBy());
        }
        UsersFile.writeTree(YAML, file(usersFile), root);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
