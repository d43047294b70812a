package io.periodclose.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest, or SPRING_RABBITMQ_HOST/_PORT) for the tests of remote
 * partitioning. Without one they are skipped, so the README's test command needs no broker; CI sets
 * {@code PERIOD_CLOSE_REMOTE_TESTS=required} and starts one, so there a missing broker fails instead.
 */
public final class Broker {

    public static final String HOST = System.getenv().getOrDefault("SPRING_RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SPRING_RABBITMQ_PORT", "5672"));

    private Broker() {
    }

    public static void assumeReachable() {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            reachable = true;
        } catch (IOException e) {
            reachable = false;
        }
        if ("required".equals(System.getenv("PERIOD_CLOSE_REMOTE_TESTS"))) {
            if (!reachable) {
                throw new AssertionError("PERIOD_CLOSE_REMOTE_TESTS=required but no RabbitMQ at " + HOST + ":" + PORT);
            }
            return;
        }
        Assumptions.assumeTrue(reachable, "no RabbitMQ at " + HOST + ":" + PORT + ": remote partitioning not tested");
    }
}
