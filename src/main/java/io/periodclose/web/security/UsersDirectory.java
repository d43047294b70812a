package io.periodclose.web.security;

import io.periodclose.BadInputException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users of {@code serve} and their API tokens, as the users file and its tokens file say now: both are read
 * again as soon as one of them (or the token key) changes on disk, so {@code users add}, {@code users remove},
 * {@code users token} and {@code users revoke-token} take effect without a restart (on open sessions too,
 * {@link SessionUserCheck}). Each reload raises the
 * {@link #generation()}, which empties the cache of verified passwords ({@link CachingBasicAuthentication}).
 * Issued and revoked tokens are written to the audit trail when {@code serve} first sees them.
 */
public final class UsersDirectory {

    private static final Logger log = LoggerFactory.getLogger(UsersDirectory.class);

    private record Snapshot(List<Object> stamps, Map<String, UserDetails> users, Map<String, String> userByHmac,
                            byte[] key, long generation, Map<String, String> distributorByUser,
                            Map<String, Entry> entries) {
    }

    /**
     * A user as the users file has it now: its authorities, and a digest of its whole entry (roles, distributor,
     * password hash) that changes whenever {@code users add} changes any of them, and only then.
     */
    public record Entry(Set<String> authorities, String digest) {
    }

    private final Path usersFile;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private volatile Snapshot snapshot;

    public UsersDirectory(Path usersFile, JdbcTemplate jdbc, AuditLog audit) {
        this.usersFile = usersFile;
        this.jdbc = jdbc;
        this.audit = audit;
        this.snapshot = load(0);
        if (snapshot.users().isEmpty()) {
            throw new BadInputException("no users in " + usersFile.toAbsolutePath().normalize()
                    + "; there is no built-in user or password. Create the first administrator with:"
                    + " period-close users add NAME --role ADMIN");
        }
    }

    /**
     * The user of that name, for the password check (not a UserDetailsService bean: the cache is the one way in).
     * A DISTRIBUTOR user whose distributor is no longer in the master data comes back disabled: it cannot sign in.
     */
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = current().users().get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUserDetails(user).disabled(!mayActNow(username)).build();
    }

    /** The user an API token belongs to, if it is a token issued, not revoked, of a user who still exists. */
    public Optional<UserDetails> forToken(String token) {
        Snapshot now = current();
        if (now.key() == null || token == null || !token.startsWith(ApiTokens.PREFIX)) {
            return Optional.empty();
        }
        String user = now.userByHmac().get(ApiTokens.hmac(now.key(), token));
        return Optional.ofNullable(user).filter(this::mayActNow).map(now.users()::get);
    }

    /** The distributor code a DISTRIBUTOR user is bound to; empty for every other user and for an unknown name. */
    public Optional<String> distributorOf(String username) {
        return Optional.ofNullable(current().distributorByUser().get(username));
    }

    /**
     * Whether the user may still act: it exists and, for a DISTRIBUTOR user, its distributor is still in the master
     * data. Asked at each sign-in, by the cache of verified passwords, and by the portal at each request, since a
     * distributor removed from the master data changes no file that would empty the cache.
     */
    public boolean mayActNow(String username) {
        Snapshot now = current();
        if (!now.users().containsKey(username)) {
            return false;
        }
        String distributor = now.distributorByUser().get(username);
        return distributor == null || Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM distributor WHERE code = ?)", Boolean.class, distributor));
    }

    /** The user of that name as the users file has it now; empty once it is removed. A map lookup. */
    public Optional<Entry> entry(String username) {
        return Optional.ofNullable(current().entries().get(username));
    }

    /** Changes whenever the users, their tokens or the token key change on disk. */
    public long generation() {
        return current().generation();
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        if (now.stamps().equals(stamps())) {
            return now;
        }
        synchronized (this) {
            if (!snapshot.stamps().equals(stamps())) {
                try {
                    snapshot = load(snapshot.generation() + 1);
                    log.info("Users file {} or its tokens changed: reloaded", usersFile);
                } catch (RuntimeException e) {
                    // a half-edited file must not lock everyone out or let anyone in: keep the last good one
                    log.warn("Users file {} or its tokens changed but cannot be read; keeping the previous users: {}",
                            usersFile, e.getMessage());
                    snapshot = new Snapshot(stamps(), snapshot.users(), snapshot.userByHmac(), snapshot.key(),
                            snapshot.generation() + 1, snapshot.distributorByUser(), snapshot.entries());
                }
            }
            return snapshot;
        }
    }

    private Snapshot load(long generation) {
        List<Object> stamps = stamps();
        Map<String, UserDetails> users = new HashMap<>();
        Map<String, String> distributors = new HashMap<>();
        Map<String, Entry> entries = new HashMap<>();
        for (UsersFile.User user : UsersFile.read(usersFile)) {
            UserDetails details = User.withUsername(user.name()).password(user.passwordHash())
                    .roles(user.roles().stream().map(Role::name).toArray(String[]::new)).build();
            users.put(user.name(), details);
            if (user.distributor() != null) {
                distributors.put(user.name(), user.distributor());
            }
            entries.put(user.name(), new Entry(AuthorityUtils.authorityListToSet(details.getAuthorities()),
                    digest(user)));
        }
        byte[] key = ApiTokens.key(usersFile, false);
        List<ApiTokens.Token> tokens = key == null ? List.of() : ApiTokens.read(usersFile);
        Map<String, String> userByHmac = new HashMap<>();
        tokens.forEach(token -> userByHmac.put(token.hmac(), token.user()));
        auditTokens(tokens);
        return new Snapshot(stamps, Map.copyOf(users), Map.copyOf(userByHmac), key, generation,
                Map.copyOf(distributors), Map.copyOf(entries));
    }

    /** SHA-256 of the entry, so that a session can hold it without holding the password hash. */
    private static String digest(UsersFile.User user) {
        String entry = String.join("\u0000", user.name(), user.passwordHash(), new TreeSet<>(user.roles()).toString(),
                Objects.requireNonNullElse(user.distributor(), ""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(entry.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** What identifies the current content of the three files: modification time, size and inode of each. */
    private List<Object> stamps() {
        return List.of(stamp(usersFile), stamp(ApiTokens.tokensFile(usersFile)), stamp(ApiTokens.keyFile(usersFile)));
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Every token issued or revoked since serve last looked gets its row in the audit trail, once. */
    private void auditTokens(List<ApiTokens.Token> tokens) {
        try {
            Set<String> recorded = new HashSet<>(jdbc.queryForList("""
                    SELECT target FROM audit_event WHERE action = 'TOKEN_ISSUED'
                    EXCEPT SELECT target FROM audit_event WHERE action = 'TOKEN_REVOKED'""", String.class));
            Set<String> present = new HashSet<>();
            for (ApiTokens.Token token : tokens) {
                String target = target(token.id(), token.user());
                present.add(target);
                if (!recorded.contains(target)) {
                    audit.record(token.user(), Channel.API, "TOKEN_ISSUED", target, null, Outcome.DONE,
                            "issued " + token.issued() + " by " + token.issuedBy() + " with: period-close users token");
                }
            }
            for (String target : recorded) {
                if (!present.contains(target)) {
                    String user = target.substring(target.lastIndexOf(" of ") + 4);
                    audit.record(user, Channel.API, "TOKEN_REVOKED", target, null, Outcome.DONE,
                            "no longer in " + ApiTokens.tokensFile(usersFile).getFileName());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not write the API tokens to the audit trail: {}", e.getMessage());
        }
    }

    private static String target(String id, String user) {
        return "API token " + id + " of " + user;
    }
}
