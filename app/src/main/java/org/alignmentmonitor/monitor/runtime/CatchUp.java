package org.alignmentmonitor.monitor.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until records already written are reflected in the statistics stores.
 *
 * <p>Step 1: the application's committed offsets on the input pass the offsets the producer got
 * back. Exactly-once commits offsets with the store updates and the partials it forwarded, so from
 * then on every input record is either in a pending partial or in the repartition topic.
 * Step 2: no partial is pending and no committed record of the repartition topics lies past the
 * committed offset (checked by reading from it with read_committed, which skips transaction
 * markers that make plain lag arithmetic off by one). Step 2 must hold twice, a commit interval
 * apart, because a partial flushed just before the first look commits only at the next commit.
 */
public final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    private final Admin admin;
    private final Map<String, Object> consumerConfig;
    private final String groupId;
    private final List<String> repartitionTopics;
    private final LongSupplier pendingPartials;
    private final Duration commitInterval;

    public CatchUp(Admin admin, Map<String, Object> clientConfig, String groupId, List<String> repartitionTopics,
                   LongSupplier pendingPartials, Duration commitInterval) {
        this.admin = admin;
        this.consumerConfig = new HashMap<>(clientConfig);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.groupId = groupId;
        this.repartitionTopics = List.copyOf(repartitionTopics);
        this.pendingPartials = pendingPartials;
        this.commitInterval = commitInterval;
    }

    /** Blocks until every input offset below {@code targets} is reflected, or throws after {@code timeout}. */
    public void await(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inputCommitted(targets)) {
            sleepOrFail(deadline, timeout, "input offsets " + targets);
        }
        int quietChecks = 0;
        while (quietChecks < 2) {
            quietChecks = isQuiet() ? quietChecks + 1 : 0;
            if (quietChecks < 2) {
                Thread.sleep(Math.max(200, commitInterval.toMillis() * 2));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("statistics not settled within " + timeout);
                }
            }
        }
        LOG.debug("Caught up with {}", targets);
    }

    private boolean inputCommitted(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        for (var target : targets.entrySet()) {
            OffsetAndMetadata c = committed.get(target.getKey());
            if (c == null || c.offset() < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private boolean isQuiet() {
        if (pendingPartials.getAsLong() > 0) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = repartitionTopics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c == null ? 0 : c.offset();
                if (from >= ends.get(tp)) {
                    continue;
                }
                consumer.seek(tp, from);
            }
            long pollDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < pollDeadline) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    return false;
                }
                if (partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp)
                        || committedAtOrPast(committed, tp, ends.get(tp)))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean committedAtOrPast(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition tp, long end) {
        OffsetAndMetadata c = committed.get(tp);
        return c != null && c.offset() >= end;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            offsets.values().removeIf(java.util.Objects::isNull);
            return offsets;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read committed offsets of " + groupId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepOrFail(long deadline, Duration timeout, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " not reached within " + timeout);
        }
        Thread.sleep(100);
    }
}
