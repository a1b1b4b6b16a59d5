package org.alignmentmonitor.monitor.review;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.review.queue.LeaseRecord;
import org.alignmentmonitor.review.queue.ReviewQueue;
import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.alignmentmonitor.streams.errors.RegistryOutage;
import org.alignmentmonitor.monitor.runtime.tail.EndsAtStart;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the review-tasks, labels and review-leases topics from the beginning on every start, then follows them (as a
 * supervised tail), handing each record to a sink. No consumer group: every replica rebuilds the whole queue, which is
 * what makes a restart lose nothing, and every replica applies every replica's lease records in the log's order, which
 * is what makes them agree on who holds an item.
 */
final class ReviewFeed<T, L> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewFeed.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    interface Sink<T, L> {
        void task(T task);

        void label(L label);

        /** A record of the lease log, in log order; whether it holds (see {@link ReviewQueue#apply}). */
        boolean lease(LeaseRecord record);
    }

    private final String tasksTopic;
    private final String leasesTopic;
    private final Deserializer<T> tasks;
    private final Deserializer<L> labels;
    private final Sink<T, L> sink;
    private final LeasePublisher leases;
    private final SupervisedTail<byte[], byte[]> tail;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final EndsAtStart endsAtStart = new EndsAtStart();
    private volatile boolean running = true;

    ReviewFeed(Map<String, Object> clientConfig, String tasksTopic, Deserializer<T> tasks, String labelsTopic,
               Deserializer<L> labels, String leasesTopic, Sink<T, L> sink, LeasePublisher leases, Tails tails) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "review-feed");
        this.tasksTopic = tasksTopic;
        this.leasesTopic = leasesTopic;
        this.tasks = tasks;
        this.labels = labels;
        this.sink = sink;
        this.leases = leases;
        this.tail = tails.start(TailSpec.fromBeginning("review-feed", config, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                List.of(tasksTopic, labelsTopic, leasesTopic)), new TailHandler<>() {
            @Override
            public void accept(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
                apply(record);
            }

            @Override
            public void afterBatch(Consumer<byte[], byte[]> consumer, int records) {
                checkCaughtUp(consumer);
            }
        });
    }

    /** Blocks until everything on the topics at start has been applied; false on timeout. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkCaughtUp(Consumer<byte[], byte[]> consumer) {
        if (caughtUp.getCount() > 0 && endsAtStart.reached(consumer)) {
            caughtUp.countDown();
        }
    }

    /**
     * Applies one record, waiting while the schema registry is unreachable: the record is fine, and
     * skipping it would drop a review task for good, while stopping would freeze the queue.
     */
    private void apply(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        for (int attempt = 1; running; attempt++) {
            try {
                applyOnce(r);
                return;
            } catch (SchemaRegistryException e) {
                if (!RegistryOutage.isCauseOf(e)) {
                    throw e;
                }
                if (attempt == 1) {
                    LOG.warn("Schema registry unavailable; the review feed waits at {}-{}@{} until it answers: {}",
                            r.topic(), r.partition(), r.offset(), e.getMessage());
                }
                Thread.sleep(REGISTRY_RETRY.toMillis());
            }
        }
    }

    private void applyOnce(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().equals(leasesTopic)) {
            applyLeases(r);
            return;
        }
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(tasksTopic)) {
                sink.task(tasks.deserialize(r.topic(), r.value()));
            } else {
                sink.label(labels.deserialize(r.topic(), r.value()));
            }
        } catch (SerializationException | IllegalArgumentException e) {
            // The stream dead-letters bad records; the queue just skips them rather than stop following.
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void applyLeases(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return;
        }
        String itemId = new String(r.key(), StandardCharsets.UTF_8);
        try {
            LeaseRecord record = LeaseRecords.decode(itemId, r.value());
            leases.readBack(record, sink.lease(record));
        } catch (IllegalArgumentException e) {
            // An unreadable lease changes nothing; its writer's wait runs out and the labeller asks again.
            LOG.warn("Skipping unreadable lease record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        tail.close();
    }
}
