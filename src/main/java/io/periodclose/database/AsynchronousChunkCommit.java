package io.periodclose.database;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a chunk's transaction commit without waiting for its WAL to reach the disk
 * ({@code SET LOCAL synchronous_commit = off}), for steps whose chunks write only to this database.
 *
 * <p>Why that loses nothing: a chunk's rows and the job repository's record of the chunk are one transaction of one
 * database, and PostgreSQL's WAL is one sequence, of which a crash can lose only the end that was not yet flushed:
 * the last few hundred milliseconds of commits, never one before a commit that was kept. So a crash loses chunks
 * only together with their bookkeeping, and the restart redoes exactly those (the ledger's idempotency keys would
 * make a redone posting harmless anyway). Every other transaction of the step keeps the server's setting, above
 * all the one that records the step as completed, and a synchronous commit flushes all WAL before it: when a step
 * or the job reports COMPLETED, everything it wrote is on disk. What is saved is the wait for the disk at every
 * chunk: on the external bench server the close's four steps took 2.54–2.67 s with it against 2.69–2.94 s without
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
