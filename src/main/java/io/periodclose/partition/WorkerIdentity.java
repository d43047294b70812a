package io.periodclose.partition;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code HOST:PID} of this process, recorded on every partition it runs so that {@code jobs show} and the web
 * interface can say which worker ran what, and a failure can name the worker that died.
 */
public final class WorkerIdentity {

    /** The key under which a partition's step execution context keeps the worker that ran it. */
    public static final String CONTEXT_KEY = "partition.worker";

    private static final String CURRENT = hostName() + ":" + ProcessHandle.current().pid();

    private WorkerIdentity() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String hostName() {
        String configured = System.getenv("HOSTNAME");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
