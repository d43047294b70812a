package io.periodclose.partition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionRequestTest {

    @Test
    void aRequestReadsBackAsItWasWritten() {
        PartitionRequest request = new PartitionRequest(12, 345, "writeQuarterStatementsWorker");
        assertThat(request.toText()).isEqualTo("partition 12 345 writeQuarterStatementsWorker");
        assertThat(PartitionRequest.parse(request.toText())).isEqualTo(request);
    }

    @Test
    void aForeignMessageIsRefusedWithWhatItWas() {
        assertThatThrownBy(() -> PartitionRequest.parse("{\"stepExecutionId\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a partition request: {");
        assertThatThrownBy(() -> PartitionRequest.parse("partition 1 2 ../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionRequest.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionRequest.parse("partition 1 2 " + "x".repeat(200)))
                .hasMessageContaining("…");
    }
}
