package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.web.security.ApiTokens;
import io.periodclose.web.security.Invitations;
import io.periodclose.web.security.Role;
import io.periodclose.web.security.UsersFile;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"The users of serve: names, roles and bcrypt password hashes in <home>/users.yml",
                "(or --users FILE). Roles: FINANCE reads, downloads statements and approves or rejects figures",
                "waiting for approval (not those of a run it launched); OPERATOR also launches",
                "and schedules; ADMIN also restarts, stops, abandons and reads the audit trail.",
                "DISTRIBUTOR (with --distributor CODE, no other role) sees that distributor's portal only."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
                UsersCommand.Token.class, UsersCommand.RevokeToken.class, UsersCommand.Invite.class})
class UsersCommand implements Callable<Integer> {

    static final int MINIMUM_PASSWORD_LENGTH = 12;

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--users", paramLabel = "FILE", description = "the users file (default: <home>/users.yml)")
    Path users;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(cli.spec.commandLine().getSubcommands().get("users"),
                "Missing subcommand: add, list, remove, token, revoke-token or invite");
    }

    static Path usersFile(GlobalOptions options, Path explicit) {
        return explicit != null ? explicit : options.home().resolve("users.yml");
    }

    Path file() {
        return usersFile(cli.global(), users);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user, or sets the password and roles of an existing one. The password is asked",
                    "twice on the terminal, or read from the first line of standard input with --password-stdin;",
                    "only its bcrypt hash is stored."})
    static class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME", description = "the login name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "FINANCE, OPERATOR, ADMIN or DISTRIBUTOR; repeat for several")
        List<Role> roles;

        @Option(names = "--distributor", paramLabel = "CODE",
                description = "the distributor a DISTRIBUTOR user belongs to (required with that role)")
        String distributor;

        @Option(names = "--password-stdin", description = "read the password from standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            char[] password = passwordStdin ? readStdin() : askTwice();
            try {
                if (password.length < MINIMUM_PASSWORD_LENGTH) {
                    throw new BadInputException("the password must have at least " + MINIMUM_PASSWORD_LENGTH
                            + " characters");
                }
                String hash = new BCryptPasswordEncoder().encode(new String(password));
                Path file = users.file();
                UsersFile.put(file, new UsersFile.User(name, hash, EnumSet.copyOf(roles), distributor));
                users.cli.spec.commandLine().getOut().println("user " + name + " " + roles
                        + (distributor == null ? "" : " of distributor " + distributor) + " saved in "
                        + file.toAbsolutePath().normalize());
                return ExitCode.DONE;
            } finally {
                Arrays.fill(password, ' ');
            }
        }

        private static char[] readStdin() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new BadInputException("--password-stdin: standard input is empty");
            }
            return line.toCharArray();
        }

        private char[] askTwice() {
            Console console = System.console();
            if (console == null) {
                throw new BadInputException("no terminal to ask the password on; pipe it with --password-stdin");
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new BadInputException("the two passwords differ");
            }
            Arrays.fill(second, ' ');
            return first;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users and their roles.")
    static class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Override
        public Integer call() {
            var out = users.cli.spec.commandLine().getOut();
            for (UsersFile.User user : UsersFile.read(users.file())) {
                out.println(user.name() + "\t" + user.roles()
                        + (user.distributor() == null ? "" : "\t" + user.distributor()));
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user.")
    static class Remove implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!UsersFile.remove(users.file(), name)) {
                throw new BadInputException("there is no user " + name + " in " + users.file());
            }
            users.cli.spec.commandLine().getOut().println("user " + name + " removed");
            return ExitCode.DONE;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Issues an API token for a user, for machines (monitoring, an external scheduler):",
                    "sent as 'Authorization: Bearer TOKEN', it acts with the user's roles. It is printed once and",
                    "only its HMAC is stored (<home>/users.tokens.yml, key in <home>/users.token-key). A user has",
                    "at most one token: a new one replaces the previous. serve picks it up without a restart."})
    static class Token implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME", description = "the user the token acts as")
        String name;

        @Override
        public Integer call() {
            Path file = users.file();
            if (UsersFile.read(file).stream().noneMatch(user -> user.name().equals(name))) {
                throw new BadInputException("there is no user " + name + " in " + file + "; add it first with:"
                        + " period-close users add " + name + " --role ...");
            }
            String token = ApiTokens.issue(file, name, System.getProperty("user.name", "unknown"));
            var out = users.cli.spec.commandLine().getOut();
            out.println(token);
            users.cli.spec.commandLine().getErr().println("API token of " + name + " saved (as a keyed hash) in "
                    + ApiTokens.tokensFile(file).normalize() + "; it is shown only now. Use it as:"
                    + " Authorization: Bearer <token>. Revoke it with: period-close users revoke-token " + name);
            return ExitCode.DONE;
        }
    }

    @Command(name = "revoke-token", mixinStandardHelpOptions = true,
            description = "Revokes the API token of a user: it is refused (401) from then on.")
    static class RevokeToken implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!ApiTokens.revoke(users.file(), name)) {
                throw new BadInputException("user " + name + " has no API token in "
                        + ApiTokens.tokensFile(users.file()).normalize());
            }
            users.cli.spec.commandLine().getOut().println("API token of " + name + " revoked");
            return ExitCode.DONE;
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true,
            description = {"Invites a distributor's contact to the portal: prints a one-time link, valid for",
                    "--valid-hours (72), where the contact chooses a name and a password and becomes a DISTRIBUTOR",
                    "user of that distributor. Only a hash of the link's secret is stored",
                    "(<home>/users.invitations.yml); serve picks it up without a restart."})
    static class Invite implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Option(names = "--distributor", required = true, paramLabel = "CODE", description = "the distributor code")
        String distributor;

        @Option(names = "--valid-hours", paramLabel = "HOURS", defaultValue = "72",
                description = "how long the link may be used (default: ${DEFAULT-VALUE})")
        int validHours;

        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "the address at which people reach serve (default: ${DEFAULT-VALUE})")
        String url;

        @Override
        public Integer call() {
            if (validHours < 1) {
                throw new BadInputException("--valid-hours must be at least 1");
            }
            Instant now = Instant.now();
            String token = Invitations.issue(users.file(), distributor, Duration.ofHours(validHours),
                    System.getProperty("user.name", "unknown"), now);
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            users.cli.spec.commandLine().getOut().println(base + "/portal/invitation/" + token);
            users.cli.spec.commandLine().getErr().println("invitation to the portal of distributor " + distributor
                    + ", valid until " + now.plus(Duration.ofHours(validHours)) + " and for one sign-up; the link is"
                    + " shown only now");
            return ExitCode.DONE;
        }
    }
}
