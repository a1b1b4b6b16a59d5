package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.LabelSums;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BucketStatsSerdeTest {

    private static final String TOPIC = "app-bucket-stats-store-changelog";

    private final Serde<BucketStats> avro = AvroSerdes.specific(BucketStats.class, new InMemorySchemaRegistryClient(), false);
    private final BucketStatsSerde serde = new BucketStatsSerde(avro.deserializer());

    @Test
    void roundTripsEveryField() {
        BucketStats stats = populated();
        byte[] bytes = serde.serializer().serialize(TOPIC, stats);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(stats);
        assertThat(bytes.length).isLessThan(avro.serializer().serialize(TOPIC, stats).length);
    }

    @Test
    void roundTripsAnEmptyPartialAndExtremeValues() {
        BucketStats stats = BucketStatsMath.empty(new BucketKey("m", "v", 0L), 60_000L);
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, stats))).isEqualTo(stats);

        stats.setInteractions(Long.MAX_VALUE);
        stats.setFlagged(Long.MIN_VALUE);
        stats.setScoreSum(-Double.MAX_VALUE);
        stats.setMinEventTime(Instant.ofEpochMilli(-1L));
        stats.setModel("modèle ✓");
        stats.setHigh(new LabelSums(0L, 0L, -0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, stats))).isEqualTo(stats);
    }

    @Test
    void readsValuesWrittenAsRegistryFramedAvroBeforeTheChange() {
        BucketStats stats = populated();
        byte[] old = avro.serializer().serialize(TOPIC, stats);

        assertThat(serde.deserializer().deserialize(TOPIC, old)).isEqualTo(stats);
    }

    @Test
    void rejectsTruncatedValues() {
        byte[] bytes = serde.serializer().serialize(TOPIC, populated());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated)).isInstanceOf(SerializationException.class);
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    private static BucketStats populated() {
        BucketStats stats = BucketStatsMath.empty(new BucketKey("gpt-4-turbo", "2024-04-09", 1_733_400_000_000L), 60_000L);
        stats.setInteractions(1234);
        stats.setFlagged(56);
        stats.setScoreSum(78.25);
        stats.setScoreSumSquares(12.5);
        stats.getFlaggedByCategory().put("truncation", 30L);
        stats.getFlaggedByCategory().put("repetition", 26L);
        stats.getFlaggedByClassifier().put("rule.truncation", 30L);
        stats.getClassifierConfigVersions().add("default-1");
        stats.getClassifierConfigVersions().add("default-2");
        stats.setMinEventTime(Instant.ofEpochMilli(1_733_400_000_123L));
        stats.setMaxEventTime(Instant.ofEpochMilli(1_733_400_059_999L));
        stats.setMisaligned(3);
        stats.setAligned(9);
        stats.setAmbiguous(1);
        stats.setLow(new LabelSums(13L, 3L, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5));
        stats.setHigh(new LabelSums(13L, 4L, -0.5, 1e-300, 2.5e10, 3.5, 4.5, 5.5, 6.5));
        stats.getJudges().put("judge.overseer", new JudgeTally(10L, 2L, 3.75, 1L));
        stats.getJudges().put("judge.self", new JudgeTally(0L, 0L, 0.0, 4L));
        return stats;
    }
}
