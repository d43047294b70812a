package io.periodclose.partition;

/** A remotely partitioned step gave up: a worker died, or none was there. The message says which and what to do. */
public class PartitionFailedException extends RuntimeException {

    public PartitionFailedException(String message) {
        super(message);
    }
}
