package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.partition.PartitionTransport;
import io.periodclose.partition.PartitionWorker;
import io.periodclose.partition.WorkerIdentity;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs partitions of the close and of the year-end for a manager in remote mode",
                "(PERIOD_CLOSE_PARTITIONING=remote) until stopped: joins the PostgreSQL of SPRING_DATASOURCE_URL and",
                "the RabbitMQ broker of SPRING_RABBITMQ_HOST/_PORT/_USERNAME/_PASSWORD. Start as many as you like, on",
                "as many machines; Ctrl-C or SIGTERM finish the current chunk and leave (see docs/scale-out.md)."})
class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--threads", paramLabel = "N",
            description = "partitions run at once (default: the number of cores)")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        if (!Engine.externalDatabaseConfigured()) {
            throw new BadInputException("a worker needs the manager's PostgreSQL: set SPRING_DATASOURCE_URL (and "
                    + "SPRING_DATASOURCE_USERNAME / _PASSWORD) to the database the manager uses");
        }
        if (threads != null && threads < 1) {
            throw new BadInputException("--threads must be at least 1");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("period-close.partitioning", "remote");
        properties.put("period-close.worker.enabled", "true");
        if (threads != null) {
            properties.put("period-close.worker-threads", threads);
        }
        Engine engine = Engine.start(cli.global(), org.springframework.boot.WebApplicationType.NONE, properties);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                PartitionWorker worker = engine.get(PartitionWorker.class);
                worker.beginStop();
                // no new requests; waits for the listeners, that is for the partitions to finish their chunk
                engine.get(SimpleMessageListenerContainer.class).stop();
                worker.stop(120_000);
                engine.close();
            } finally {
                stopped.countDown();
            }
        }, "worker-shutdown"));
        cli.spec.commandLine().getErr().println("period-close worker " + WorkerIdentity.current() + " takes partitions from "
                + engine.get(PartitionTransport.class).describe() + "; Ctrl-C stops it");
        stopped.await();
        return ExitCode.DONE;
    }
}
