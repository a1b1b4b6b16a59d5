package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.alignmentmonitor.streams.errors.RegistryOutage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the review-tasks and labels topics from the beginning on every start, then follows them, handing each record
 * to a sink. No consumer group: every instance rebuilds the whole queue, which is what makes a restart lose nothing.
 */
final class ReviewFeed<T, L> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewFeed.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    interface Sink<T, L> {
        void task(T task);

        void label(L label);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String tasksTopic;
    private final Deserializer<T> tasks;
    private final Deserializer<L> labels;
    private final Sink<T, L> sink;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();

    ReviewFeed(Map<String, Object> clientConfig, String tasksTopic, Deserializer<T> tasks, String labelsTopic,
               Deserializer<L> labels, Sink<T, L> sink) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "review-feed");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.tasksTopic = tasksTopic;
        this.tasks = tasks;
        this.labels = labels;
        this.sink = sink;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(tasksTopic, labelsTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        this.thread = new Thread(() -> run(ends), "review-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Blocks until everything on the topics at start has been applied; false on timeout or when the feed failed. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !failed.get();
    }

    private void run(Map<TopicPartition, Long> ends) {
        try {
            checkCaughtUp(ends);
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
                checkCaughtUp(ends);
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Review feed stopped; the review queue no longer follows the topics", e);
            failed.set(true);
            caughtUp.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void checkCaughtUp(Map<TopicPartition, Long> ends) {
        if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
        }
    }

    /**
     * Applies one record, waiting while the schema registry is unreachable: the record is fine, and
     * skipping it would drop a review task for good, while stopping would freeze the queue.
     */
    private void apply(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        for (int attempt = 1; running.get(); attempt++) {
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

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
