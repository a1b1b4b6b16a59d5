package org.alignmentmonitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.BucketStatsSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * CPU time of one put of a partial into the accumulator's store (its serialisation), registry-framed Avro against
 * the compact {@link BucketStatsSerde}, alternating in one JVM: {@code java -cp benchmarks/target/benchmarks.jar
 * org.alignmentmonitor.benchmarks.PartialSerdeCpu [rounds]}. Two partial shapes: rules off (no per-classifier
 * counts) and the default rules (12 classifiers, 8 categories flagged).
 */
public final class PartialSerdeCpu {

    private static final String TOPIC = "alignment-monitor-bucket-delta-store-changelog";
    private static final int PUTS = 200_000;

    private PartialSerdeCpu() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Serde<BucketStats> avro = AvroSerdes.specific(BucketStats.class, new InMemorySchemaRegistryClient(), false);
        Serde<BucketStats> compact = new BucketStatsSerde(avro.deserializer());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (boolean rules : new boolean[] {false, true}) {
            BucketStats partial = partial(rules);
            System.out.printf("partial with %s: Avro %d bytes, compact %d bytes%n", rules ? "the default rules" : "rules off",
                    avro.serializer().serialize(TOPIC, partial).length, compact.serializer().serialize(TOPIC, partial).length);
            for (int round = 0; round < rounds; round++) {
                double avroMicros = cpuPerPut(threads, avro.serializer(), partial);
                double compactMicros = cpuPerPut(threads, compact.serializer(), partial);
                System.out.printf("  round %d: Avro %.3f µs, compact %.3f µs CPU per put%n", round + 1, avroMicros, compactMicros);
            }
        }
    }

    private static double cpuPerPut(ThreadMXBean threads, Serializer<BucketStats> serializer, BucketStats partial) {
        long sink = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < PUTS; i++) {
            partial.setInteractions(i);
            sink += serializer.serialize(TOPIC, partial).length;
        }
        double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PUTS;
        if (sink == 42) {
            System.out.println();
        }
        return micros;
    }

    private static BucketStats partial(boolean rules) {
        long bucketStart = 1_733_400_000_000L;
        BucketStats stats = BucketStatsMath.empty(new BucketKey("gpt-4-turbo", "2024-04-09", bucketStart), 60_000L);
        stats.setInteractions(1200);
        stats.setScoreSum(rules ? 96.5 : 0);
        stats.setScoreSumSquares(rules ? 21.25 : 0);
        stats.getClassifierConfigVersions().add(rules ? "default-1" : "none");
        stats.setMinEventTime(Instant.ofEpochMilli(bucketStart + 17));
        stats.setMaxEventTime(Instant.ofEpochMilli(bucketStart + 59_981));
        if (rules) {
            stats.setFlagged(80);
            for (String category : new String[] {"truncation", "repetition", "gibberish", "off_topic", "benign_refusal",
                    "prompt_injection", "constraint_violation", "language_mismatch"}) {
                stats.getFlaggedByCategory().put(category, 10L);
            }
            for (String rule : new String[] {"token-soup", "language", "word-salad", "off-topic", "repetition", "constraints",
                    "benign-refusal", "injection", "truncation", "gibberish", "profanity", "prompt-echo"}) {
                stats.getFlaggedByClassifier().put("rule." + rule, 7L);
            }
        }
        return stats;
    }
}
