package io.periodclose.turnover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateMemoryTest {

    @Test
    void aKilobyteAndAHalfPerDistributor() {
        // 20,000 × 1,536 bytes = 30,720,000 bytes = 30,000 kB
        assertThat(AggregateMemory.workMemKb(20_000, 4_096)).isEqualTo(30_000);
    }

    @Test
    void neverBelowFourMegabytesNorTheServersOwnSetting() {
        assertThat(AggregateMemory.workMemKb(200, 1_024)).isEqualTo(4_096);
        assertThat(AggregateMemory.workMemKb(20_000, 65_536)).isEqualTo(65_536);
    }

    @Test
    void cappedAtAQuarterOfAGigabyte() {
        // 1,000,000 × 1.5 kB would be 1.5 GB per worker
        assertThat(AggregateMemory.workMemKb(1_000_000, 4_096)).isEqualTo(262_144);
    }
}
