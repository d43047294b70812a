package io.periodclose.partition;

import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
class PartitionClaimsTest {

    @Autowired
    PartitionClaims claims;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void noClaims() {
        jdbc.update("DELETE FROM partition_claim");
    }

    @Test
    void aPartitionIsClaimedOnceWhateverAsksForItTwice() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<PartitionClaims.Held>>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String worker = "host" + i + ":1";
                attempts.add(threads.submit((Callable<Optional<PartitionClaims.Held>>) () -> claims.claim(9001, 77, worker)));
            }
            List<PartitionClaims.Held> held = new ArrayList<>();
            for (Future<Optional<PartitionClaims.Held>> attempt : attempts) {
                attempt.get().ifPresent(held::add);
            }
            assertThat(held).hasSize(1);
            assertThat(claims.alive(List.of(9001L, 9002L))).containsExactly(9001L);
            held.get(0).close();
            assertThat(claims.alive(List.of(9001L))).as("released once the outcome is recorded").isEmpty();
            assertThat(claims.claim(9001, 77, "late:2")).as("a partition that ran is not run again").isEmpty();
            assertThat(claims.claimed(List.of(9001L, 9002L))).containsOnlyKeys(9001L);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWithdrawnPartitionIsDroppedByWhoeverTakesItsRequestAndARunningOneIsToldToStop() {
        PartitionClaims.Held running = claims.claim(9101, 78, "busy:1").orElseThrow();
        claims.withdraw(78, List.of(9101L, 9102L));
        assertThat(claims.withdrawn(List.of(9101L, 9102L, 9103L))).containsExactlyInAnyOrder(9101L, 9102L);
        assertThat(claims.claim(9102, 78, "late:2")).isEmpty();
        assertThat(claims.claimed(List.of(9101L, 9102L))).containsEntry(9101L, "busy:1").containsEntry(9102L, "");
        running.close();
    }

    @Test
    void aPartitionWhoseConnectionIsGoneIsNoLongerAlive() throws Exception {
        PartitionClaims.Held held = claims.claim(9201, 79, "doomed:1").orElseThrow();
        assertThat(claims.alive(List.of(9201L))).containsExactly(9201L);
        // what kill -9 of the worker does: PostgreSQL ends its session
        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND classid = ?::oid AND objid = 9201 AND objsubid = 2", PartitionClaims.PARTITION_SPACE);
        for (int i = 0; i < 50 && !claims.alive(List.of(9201L)).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(claims.alive(List.of(9201L))).isEmpty();
        assertThat(claims.claimed(List.of(9201L))).containsEntry(9201L, "doomed:1");
        held.close();
    }
}
