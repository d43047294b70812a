package io.periodclose.partition;

/**
 * What the manager needs from the message broker: hand a partition to whichever worker is free, and see the
 * queue (how many workers listen, how many requests wait). Results never travel back this way: the manager reads
 * them from the job repository, so a lost reply cannot hang a close.
 */
public interface PartitionTransport {

    void send(PartitionRequest request);

    /** Consumers listening for partitions now (a worker runs one per thread). */
    int listeningWorkers();

    /** Requests sent and not yet taken by any worker. */
    int waitingRequests();

    /** Where the requests go, for messages to people (a URL without credentials, and the queue). */
    String describe();
}
