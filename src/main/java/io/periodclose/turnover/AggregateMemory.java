package io.periodclose.turnover;

/**
 * How much memory the extract's aggregate may use ({@code work_mem}, in kB). It keeps one group per distributor —
 * about a kilobyte of numeric sums each — and PostgreSQL's default of 4 MB holds only a few thousand: beyond that
 * the hash aggregate spills its groups to disk and reads every sales line's group back, which made the aggregate
 * about twice as slow at 20,000 distributors. The setting only ever raises the server's own and is capped, since
 * each parallel worker may use that much (twice that for a hash table, by {@code hash_mem_multiplier}).
 */
final class AggregateMemory {

    static final long BYTES_PER_DISTRIBUTOR = 1_536;
    static final long FLOOR_KB = 4 * 1024;
    static final long CAP_KB = 256 * 1024;

    private AggregateMemory() {
    }

    /** The {@code work_mem} in kB for {@code distributors} groups, never below the {@code serverKb} already set. */
    static long workMemKb(long distributors, long serverKb) {
        long needed = Math.min(CAP_KB, Math.max(FLOOR_KB, distributors * BYTES_PER_DISTRIBUTOR / 1024));
        return Math.max(serverKb, needed);
    }
}
