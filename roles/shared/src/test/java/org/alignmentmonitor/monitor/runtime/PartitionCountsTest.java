package org.alignmentmonitor.monitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PartitionCountsTest {

    @Test
    void shouldAcceptTopicsWithOneCount() {
        assertThat(PartitionCounts.mismatch(Map.of("interactions", 12, "labels", 12, "judgments", 12))).isEmpty();
    }

    @Test
    void shouldNameEveryCountWhenOneTopicDiffers() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("interactions", 12);
        counts.put("labels", 24);
        assertThat(PartitionCounts.mismatch(counts)).hasValueSatisfying(m ->
                assertThat(m).contains("interactions=12").contains("labels=24").contains("same number of partitions"));
    }
}
