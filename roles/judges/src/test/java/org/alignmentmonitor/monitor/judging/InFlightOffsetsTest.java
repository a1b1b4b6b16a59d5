package org.alignmentmonitor.monitor.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InFlightOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("judge-requests", 0);
    private static final TopicPartition P1 = new TopicPartition("judge-requests", 1);

    @Test
    void shouldCommitNoFurtherThanTheOldestUnfinishedRequest() {
        InFlightOffsets offsets = new InFlightOffsets();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        offsets.read(P0, 10, first);
        offsets.read(P0, 11, second);
        offsets.read(P0, 12, CompletableFuture.completedFuture(null));
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));

        second.complete(null);
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        first.complete(null);
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void shouldKeepAFailedOrCancelledJudgmentOpenWhenLaterOnesFinished() {
        InFlightOffsets offsets = new InFlightOffsets();
        CompletableFuture<Void> failed = new CompletableFuture<>();
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        offsets.read(P0, 5, failed);
        offsets.read(P0, 6, CompletableFuture.completedFuture(null));
        offsets.read(P1, 7, cancelled);
        offsets.read(P1, 8, CompletableFuture.completedFuture(null));
        failed.completeExceptionally(new IllegalStateException("judgment not delivered"));
        cancelled.cancel(false);
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(5), P1, new OffsetAndMetadata(7)));
    }

    @Test
    void shouldForgetPartitionsThatMovedToAnotherMember() {
        InFlightOffsets offsets = new InFlightOffsets();
        offsets.read(P0, 1, new CompletableFuture<>());
        offsets.read(P1, 2, CompletableFuture.completedFuture(null));
        offsets.forget(List.of(P0));
        assertThat(offsets.committable()).isEqualTo(Map.of(P1, new OffsetAndMetadata(3)));
    }
}
