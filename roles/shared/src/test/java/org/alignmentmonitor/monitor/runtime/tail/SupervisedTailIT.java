package org.alignmentmonitor.monitor.runtime.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervised tail on a real broker: restarts after failures, resumes without loss or repeats, and reports health. */
class SupervisedTailIT {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    static Path dataDir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("views", 2, (short) 1), new NewTopic("work", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("views", i % 2, "k" + i, "v" + i)).get();
                producer.send(new ProducerRecord<>("work", "k" + i, "w" + i)).get();
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Map<String, Object> client() {
        return Map.of("bootstrap.servers", broker.bootstrapServers(), "enable.auto.commit", "false");
    }

    @Test
    void shouldResumeAfterTheLastTakenRecordWhenAHandlerFailsOnce() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Tails tails = new Tails(new SimpleMeterRegistry(), FAST);
        try (tails) {
            SupervisedTail<String, String> tail = tails.start(
                    TailSpec.fromBeginning("views-tail", client(), new StringDeserializer(), new StringDeserializer(), List.of("views")),
                    record -> {
                        if (record.value().equals("v7") && failedOnce.compareAndSet(false, true)) {
                            throw new IllegalStateException("boom on v7");
                        }
                        seen.add(record.value());
                    });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(seen).hasSize(20));
            assertThat(seen).doesNotHaveDuplicates();
            TailHealth health = tail.health();
            assertThat(health.restarts()).isEqualTo(1);
            assertThat(health.lastError()).contains("boom on v7");
            assertThat(health.consecutiveFailures()).isZero();
            assertThat(health.state()).isEqualTo(TailState.RUNNING);
            assertThat(tails.healthy()).isTrue();
        }
    }

    @Test
    void shouldReportUnhealthyWhenAHandlerKeepsFailingAndRecoverOnceItStops() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        Tails tails = new Tails(new SimpleMeterRegistry(), FAST);
        try (tails) {
            SupervisedTail<String, String> tail = tails.start(
                    TailSpec.group("work-tail", withGroup("g-broken"), new StringDeserializer(), new StringDeserializer(), "work"),
                    new TailHandler<>() {
                        @Override
                        public void accept(ConsumerRecord<String, String> record) {
                            if (broken.get()) {
                                throw new IllegalStateException("downstream unavailable");
                            }
                            seen.add(record.value());
                        }

                        @Override
                        public void afterBatch(Consumer<String, String> consumer, int records) {
                            if (records > 0) {
                                consumer.commitSync();
                            }
                        }
                    });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(tail.health().consecutiveFailures()).isGreaterThanOrEqualTo(TailHealth.DEAD_AFTER_FAILURES);
                assertThat(tails.healthy()).isFalse();
            });
            broken.set(false);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(seen).hasSize(20);
                assertThat(tails.healthy()).isTrue();
            });
            assertThat(seen).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldStopPromptlyOnClose() throws Exception {
        Tails tails = new Tails(new SimpleMeterRegistry(), FAST);
        SupervisedTail<String, String> tail = tails.start(
                TailSpec.group("idle-tail", withGroup("g-idle"), new StringDeserializer(), new StringDeserializer(), "work"), record -> { });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tail.health().state()).isEqualTo(TailState.RUNNING));
        long start = System.nanoTime();
        tails.close();
        assertThat(tail.health().state()).isEqualTo(TailState.STOPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static Map<String, Object> withGroup(String group) {
        return Map.of("bootstrap.servers", broker.bootstrapServers(), "enable.auto.commit", "false", "group.id", group,
                "auto.offset.reset", "earliest");
    }
}
