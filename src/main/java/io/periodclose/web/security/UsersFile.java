package io.periodclose.web.security;

import io.periodclose.BadInputException;
import io.periodclose.files.DistributorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of {@code serve}: a YAML file of names, bcrypt password hashes and roles, written by
 * {@code period-close users add} and read at start-up. There is no built-in user and no default password.
 *
 * <pre>
 * users:
 *   - name: anna
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [ADMIN]
 *   - name: olga
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [DISTRIBUTOR]
 *     distributor: D000123
 * </pre>
 *
 * A DISTRIBUTOR user is bound to exactly one distributor code and has no other role: it sees the portal of that
 * distributor only, never the admin interface (see {@link Role#DISTRIBUTOR}).
 */
public final class UsersFile {

    /** {@code distributor}: the code a DISTRIBUTOR user is bound to, null for every other user. */
    public record User(String name, String passwordHash, Set<Role> roles, String distributor) {

        public User(String name, String passwordHash, Set<Role> roles) {
            this(name, passwordHash, roles, null);
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private UsersFile() {
    }

    /**
     * The YAML tree of one of the users' files (users, tokens); null when the file does not exist or is empty. A file
     * that cannot be read or parsed is bad input naming the file.
     */
    static JsonNode readTree(YAMLMapper yaml, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JacksonException e) {
            throw new BadInputException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        return root == null || root.isMissingNode() || root.isNull() ? null : root;
    }

    /** The users in {@code file}; none when it does not exist. Every problem names the file and the user. */
    public static List<User> read(Path file) {
        JsonNode root = readTree(YAML, file);
        if (root == null) {
            return List.of();
        }
        JsonNode users = root.path("users");
        if (!users.isArray()) {
            throw new BadInputException(file + ": key 'users' must be a list of users (name, password, roles)");
        }
        Map<String, User> byName = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : users) {
            String where = file + ": users[" + index++ + "]";
            String name = node.path("name").asString("");
            if (!NAME.matcher(name).matches()) {
                throw new BadInputException(where + ": 'name' must be 1 to 64 letters, digits or . _ @ -");
            }
            where = file + ": user '" + name + "'";
            String hash = stripPrefix(node.path("password").asString(""));
            if (!BCRYPT.matcher(hash).matches()) {
                throw new BadInputException(where + ": 'password' must be a bcrypt hash (\"{bcrypt}$2a$10$...\"),"
                        + " never a plain password; set one with: period-close users add " + name + " --role ...");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (JsonNode role : node.path("roles")) {
                try {
                    roles.add(Role.valueOf(role.asString("").trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": unknown role '" + role.asString("")
                            + "'; roles are FINANCE, OPERATOR, ADMIN and DISTRIBUTOR");
                }
            }
            if (roles.isEmpty()) {
                throw new BadInputException(where + ": 'roles' must list at least one of FINANCE, OPERATOR, ADMIN"
                        + " or DISTRIBUTOR");
            }
            String distributor = node.path("distributor").isMissingNode() || node.path("distributor").isNull()
                    ? null : node.path("distributor").asString("");
            checkBinding(where, roles, distributor);
            if (byName.put(name, new User(name, hash, roles, distributor)) != null) {
                throw new BadInputException(where + ": the name is given twice");
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * A DISTRIBUTOR user has that role only and one distributor code; no other user has a code. Mixing them would
     * let a portal user into the admin interface, or give an admin a portal it has no distributor for.
     */
    static void checkBinding(String where, Set<Role> roles, String distributor) {
        boolean portal = roles.contains(Role.DISTRIBUTOR);
        if (portal && roles.size() > 1) {
            throw new BadInputException(where + ": the role DISTRIBUTOR cannot be combined with " + roles);
        }
        // the imports' rule (SPEC §2), so that every distributor they accept, Cyrillic codes included, can have users
        if (portal && (distributor == null || !DistributorCode.isValid(distributor))) {
            throw new BadInputException(where + ": a DISTRIBUTOR user needs 'distributor', a distributor code of 1"
                    + " to 40 letters, digits or . _ -, not starting with . or - (period-close users add NAME --role"
                    + " DISTRIBUTOR --distributor CODE)" + (distributor == null ? ""
                    : "; '" + distributor + "' " + DistributorCode.problem(distributor)));
        }
        if (!portal && distributor != null) {
            throw new BadInputException(where + ": only a DISTRIBUTOR user is bound to a distributor");
        }
    }

    /** Adds a user or replaces the one of the same name, writing the file atomically. */
    public static void put(Path file, User user) {
        // the same rule as reading the file: a name it would refuse must never be written into it
        if (!NAME.matcher(user.name()).matches()) {
            throw new BadInputException("user '" + user.name() + "': the name must be 1 to 64 letters, digits"
                    + " or . _ @ -");
        }
        checkBinding("user '" + user.name() + "'", user.roles(), user.distributor());
        List<User> users = new ArrayList<>(read(file));
        users.removeIf(existing -> existing.name().equals(user.name()));
        users.add(user);
        write(file, users);
    }

    /** Removes a user; false when there was none of that name. */
    public static boolean remove(Path file, String name) {
        List<User> users = new ArrayList<>(read(file));
        boolean removed = users.removeIf(existing -> existing.name().equals(name));
        if (removed) {
            write(file, users);
        }
        return removed;
    }

    private static void write(Path file, List<User> users) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("users");
        for (User user : users) {
            ObjectNode node = list.addObject();
            node.put("name", user.name());
            node.put("password", "{bcrypt}" + user.passwordHash());
            ArrayNode roles = node.putArray("roles");
            user.roles().forEach(role -> roles.add(role.name()));
            if (user.distributor() != null) {
                node.put("distributor", user.distributor());
            }
        }
        writeTree(YAML, file, root);
    }

    /**
     * Replaces one of the users' files (users, tokens) at once: written beside it, then moved over it, so that a
     * reader ({@code serve} picks changes up) never sees half a file.
     */
    static void writeTree(YAMLMapper yaml, Path file, ObjectNode root) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            Files.writeString(temporary, yaml.writeValueAsString(root), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String stripPrefix(String hash) {
        return hash.startsWith("{bcrypt}") ? hash.substring("{bcrypt}".length()) : hash;
    }
}
