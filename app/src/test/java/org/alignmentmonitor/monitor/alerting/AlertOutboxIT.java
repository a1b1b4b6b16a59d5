package org.alignmentmonitor.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.alignmentmonitor.alerts.webhook.DeliveryPolicy;
import org.alignmentmonitor.alerts.webhook.WebhookFormat;
import org.alignmentmonitor.alerts.webhook.WebhookSignature;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.monitor.config.AlertingConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook outbox outlives the alerts process and its disk: on the real in-process broker, a process whose receiver
 * is down gives its events up into the outbox topic and is closed; two new replicas, with nothing of the first one's but
 * the cluster, start together once the receiver is back: the one given the outbox partition re-sends each event, once,
 * and tombstones it.
 */
class AlertOutboxIT {

    private static final String SECRET = "outbox-secret";
    private static final int EVENTS = 5;
    /** Gives up within a second, so the test does not wait out the production minute of retries. */
    private static final DeliveryPolicy FAST = new DeliveryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(2));
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path brokerDir;

    @Test
    void shouldDeliverEachEventOnceFromTheOutboxTopicWhenTwoNewReplicasStartAfterTheReceiverWasDown() throws Exception {
        AvroTrust.install();
        try (MonitorRuntime kafka = MonitorRuntime.connect(ConfigLoader.load(
                Map.of("monitor.data.dir", brokerDir.toString(), "monitor.http.port", "0"), null, Map.of(), Map.of()))) {
            String applicationId = kafka.config().applicationId();
            String outboxTopic = Names.alertOutboxTopic(applicationId);
            String group = applicationId + "-webhooks";
            Set<String> published = publishAlerts(kafka);

            URI down = downReceiver();
            try (AlertsProcess first = AlertsProcess.start(kafka, down, outboxTopic, group)) {
                await().atMost(DEADLINE).untilAsserted(() -> {
                    assertThat(latestPerKey(kafka, outboxTopic).values()).as("entries waiting in the outbox topic")
                            .extracting(v -> JSON.readTree(v).path("eventId").asText())
                            .containsExactlyInAnyOrderElementsOf(published);
                    assertThat(committed(kafka, group)).as("alert offsets committed after the give-ups").isEqualTo(EVENTS);
                });
            }

            try (Receiver receiver = new Receiver();
                 AlertsProcess second = AlertsProcess.start(kafka, receiver.url(), outboxTopic, group);
                 AlertsProcess third = AlertsProcess.start(kafka, receiver.url(), outboxTopic, group)) {
                await().atMost(DEADLINE).untilAsserted(() -> {
                    assertThat(receiver.eventIds().stream().distinct()).containsExactlyInAnyOrderElementsOf(published);
                    Map<String, byte[]> latest = latestPerKey(kafka, outboxTopic);
                    assertThat(latest).hasSize(EVENTS);
                    assertThat(latest.values()).as("every outbox key ends with a tombstone").containsOnlyNulls();
                });
                // A second re-send would come right after the first: the count must hold for a while, not just once.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(receiver.eventIds()).as("each event exactly once, from one of the two replicas").hasSize(EVENTS));
                assertThat(receiver.bodies()).allSatisfy(body -> assertThat(JSON.readTree(body).path("state").asText()).isEqualTo("FIRING"));
                assertThat(receiver.signaturesValid()).isTrue();
            }
        }
    }

    /** One alerts process: its own metrics and tails, sharing only the cluster with any other. */
    private record AlertsProcess(AlertingRuntime alerting, Tails tails) implements AutoCloseable {

        static AlertsProcess start(MonitorRuntime kafka, URI receiver, String outboxTopic, String group) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Tails tails = new Tails(registry);
            AlertingConfig config = new AlertingConfig("", List.of(receiver), WebhookFormat.GENERIC, SECRET, false);
            AlertingRuntime alerting = AlertingRuntime.start(config, kafka.clientConfig(), kafka.topics().alerts(), registry, tails);
            alerting.deliverTo(config, kafka.clientConfig(), group, kafka.topics().alerts(), outboxTopic, FAST, registry, "http://unused");
            return new AlertsProcess(alerting, tails);
        }

        @Override
        public void close() throws InterruptedException {
            alerting.close();
            tails.close();
        }
    }

    private static Set<String> publishAlerts(MonitorRuntime kafka) throws Exception {
        var topic = kafka.topics().alerts();
        Set<String> ids = new LinkedHashSet<>();
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(new HashMap<>(kafka.clientConfig()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (int i = 0; i < EVENTS; i++) {
                Instant at = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * i);
                Alert alert = Alert.newBuilder()
                        .setAlertId("flagged-rate/assistant:v" + i).setRuleId("flagged-rate").setRuleVersion("it-1")
                        .setModel("assistant").setVersion("v" + i).setState(AlertState.FIRING).setSeverity("critical")
                        .setWindowStart(at.minusSeconds(60)).setWindowEnd(at)
                        .setInteractions(1000).setFlagged(90).setEstimate(0.09).setLower(0.07).setUpper(0.11)
                        .setThreshold(0.05).setMessage("FIRING flagged-rate").setAt(at).build();
                producer.send(new ProducerRecord<>(topic.name(), alert.getAlertId(), alert)).get();
                ids.add(alert.getAlertId() + "/FIRING/" + at.toEpochMilli());
            }
        }
        return ids;
    }

    /** The latest value of every key on the topic now (null: a tombstone). */
    private static Map<String, byte[]> latestPerKey(MonitorRuntime kafka, String topic) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(new HashMap<>(kafka.clientConfig()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), r.value());
                }
            }
        }
        return latest;
    }

    /** The group's committed offset on the alerts topic (one partition). */
    private static long committed(MonitorRuntime kafka, String group) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(kafka.clientConfig()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
        }
    }

    /** A URL where nothing listens: a receiver that was started and stopped. */
    private static URI downReceiver() throws IOException {
        try (Receiver gone = new Receiver()) {
            return gone.url();
        }
    }

    /** A real HTTP webhook receiver that records the event id, body and signature check of every request, and accepts it. */
    private static final class Receiver implements AutoCloseable {

        private record Received(String eventId, String body, boolean signatureValid) {
        }

        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst(WebhookSignature.EVENT_ID_HEADER), body, WebhookSignature.verify(SECRET,
                    headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body, headers.getFirst(WebhookSignature.SIGNATURE_HEADER))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        List<String> eventIds() {
            return received.stream().map(Received::eventId).toList();
        }

        List<String> bodies() {
            return received.stream().map(Received::body).toList();
        }

        boolean signaturesValid() {
            return received.stream().allMatch(Received::signatureValid);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
