package io.periodclose.database;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a chunk's transaction commit without waiting for its WAL to reach the disk
 * ({@code SET LOCAL synchronous_commit = off}), for steps whose chunks write only to this database.
 *
 * <p>Why that loses nothing: a chunk's rows and the job repository's record of the chunk are in the same transaction
 * of the same database, and PostgreSQL never applies an asynchronous commit out of order. A server crash may lose
 * the last few hundred milliseconds of commits, but always the rows together with their bookkeeping, so the restart
 * redoes exactly those chunks (and the idempotency keys of the ledger make a redone posting harmless). Every other
 * transaction of the step stays synchronous, above all the one that records the step as completed, and a
 * synchronous commit flushes all WAL before it: when a step or the job reports COMPLETED, everything it wrote is on
 * disk. What is saved is the wait for the disk at every chunk, about a tenth of the close's ledger steps
 * (bench/CLOSE.md).
 *
 * <p>Not for steps with effects outside the database (files, e-mail): those must not be redone after a commit the
 * step believed durable.
 */
@Component
public class AsynchronousChunkCommit implements ChunkListener<Object, Object> {

    private final JdbcTemplate jdbc;

    public AsynchronousChunkCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the step inside the chunk's transaction, on the transaction's connection, once its items are read. */
    @Override
    public void beforeChunk(Chunk<Object> chunk) {
        jdbc.execute("SET LOCAL synchronous_commit = off");
    }
}
