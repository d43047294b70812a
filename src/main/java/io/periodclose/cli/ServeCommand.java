package io.periodclose.cli;

import io.periodclose.ops.JobRuns;
import io.periodclose.web.security.UsersFile;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the admin web interface, its REST API (OpenAPI at /v3/api-docs) and the scheduler",
                "of jobs/schedule.yml until stopped (Ctrl-C or SIGTERM stop the running jobs at a chunk boundary).",
                "Several instances may serve one PostgreSQL: each scheduled run fires on one of them only.",
                "Users come from the users file; create the first one with: period-close users add NAME --role ADMIN"})
class ServeCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--address", paramLabel = "ADDRESS",
            description = "the network address to listen on (default: every interface)")
    String address;

    @Option(names = "--users", paramLabel = "FILE",
            description = "the users file (default: <home>/users.yml)")
    Path users;

    @Option(names = "--schedule", paramLabel = "FILE", defaultValue = "jobs/schedule.yml",
            description = "the schedules (default: ${DEFAULT-VALUE})")
    Path schedule;

    @Option(names = "--no-scheduler", description = "serve the interface and the API without running schedules")
    boolean noScheduler;

    @Override
    public Integer call() throws InterruptedException {
        GlobalOptions options = cli.global();
        Path usersFile = UsersCommand.usersFile(options, users);
        if (UsersFile.read(usersFile).isEmpty()) {
            var err = cli.spec.commandLine().getErr();
            err.println("error: no users in " + usersFile.toAbsolutePath().normalize()
                    + "; period-close has no built-in user or password.");
            err.println("Create the first administrator (it asks for the password) and serve again:");
            err.println("  java -jar target/period-close.jar --home " + options.home() + " users add admin --role ADMIN");
            return ExitCode.BAD_INPUT;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port);
        if (address != null) {
            properties.put("server.address", address);
        }
        properties.put("period-close.users-file", usersFile.toAbsolutePath().normalize().toString());
        properties.put("period-close.schedule", schedule.toAbsolutePath().normalize().toString());
        properties.put("period-close.async-jobs", "true");
        properties.put("period-close.scheduler.enabled", Boolean.toString(!noScheduler));
        properties.put("spring.profiles.active", "serve");

        Engine engine = Engine.start(options, WebApplicationType.SERVLET, properties);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.get(JobRuns.class).stopRunsOfThisProcess();
                engine.close();
            } finally {
                stopped.countDown();
            }
        }, "serve-shutdown"));
        int actualPort = ((WebServerApplicationContext) engine.context()).getWebServer().getPort();
        cli.spec.commandLine().getErr().println("period-close serves http://" + (address == null ? "localhost" : address)
                + ":" + actualPort + "/ (users: " + usersFile + "); Ctrl-C stops it");
        stopped.await();
        return ExitCode.DONE;
    }
}
