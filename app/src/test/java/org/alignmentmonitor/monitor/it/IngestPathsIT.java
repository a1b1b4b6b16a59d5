package org.alignmentmonitor.monitor.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ReplaySource;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.ingest.HttpIngest;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.ingest.RawSourceTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two raw ingest paths on the real in-process broker, one monitor for both: a Kafka topic of
 * Anthropic Messages records (one shared log converted) and HTTP ingest of OpenAI Responses records
 * (another shared log converted). Every record arrives twice; each version must count exactly what
 * a file replay of its original log counts, and bad input must be refused with a reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestPathsIT {

    private static final String RAW_TOPIC = "gateway-logs";
    private static final String TOKEN = "ingest-secret";
    private static final int MAX_BYTES = 512 * 1024;
    private static final int MAX_RECORDS = 300;

    @TempDir
    static Path dataDir;

    static MonitorRuntime runtime;
    static PipelineDriver pipeline;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0",
                "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms",
                "monitor.sources.gateway.topic", RAW_TOPIC, "monitor.sources.gateway.format", "anthropic-messages",
                "monitor.ingest.http.token", TOKEN));
        settings.put("monitor.ingest.http.max-bytes", String.valueOf(MAX_BYTES));
        settings.put("monitor.ingest.http.max-records", String.valueOf(MAX_RECORDS));
        runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                .startProcessing(ClassifierSuite.defaults());
        pipeline = new PipelineDriver(runtime);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void shouldCountEachRecordOfARawTopicOnceAsAFileReplayDoesWhenEveryRecordArrivesTwice() throws Exception {
        Path log = log("alpaca-7b");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int pass = 0; pass < 2; pass++) {
                for (String line : Files.readAllLines(log, UTF_8)) {
                    producer.send(new ProducerRecord<>(RAW_TOPIC, LogConversions.toAnthropicMessages(line)));
                }
            }
            for (byte[] bad : List.of("not json".getBytes(UTF_8), "{\"request\": {}}".getBytes(UTF_8), new byte[0],
                    "{\"request\": {\"model\": \"a:1\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, \"response\": {}}".getBytes(UTF_8))) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, bad));
            }
            producer.flush();
        }
        catchUpWith(RAW_TOPIC);

        assertThat(countsOf(pipeline.interactionsPerVersion(), "alpaca")).isEqualTo(fileReplayCounts(log)).containsValue(805L);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(RAW_TOPIC + "-dlq");
        assertThat(deadLetters).extracting(r -> reason(r)).containsExactlyInAnyOrder(
                "not JSON", "missing response", "empty record", "missing response.content");
        assertThat(deadLetters).extracting(r -> header(r, DeadLetterRecords.STAGE)).containsOnly(RawSourceTopology.STAGE);
        assertThat(runtime.streamsApp().isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void shouldCountEachRecordPostedOverHttpOnceAsAFileReplayDoesWhenEveryBatchIsPostedTwice() throws Exception {
        Path log = log("gpt-4-turbo");
        List<String> lines = Files.readAllLines(log, UTF_8);
        for (int pass = 0; pass < 2; pass++) {
            for (int from = 0; from < lines.size(); from += 200) {
                ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
                for (String line : lines.subList(from, Math.min(lines.size(), from + 200))) {
                    ndjson.write(LogConversions.toOpenAiResponses(line));
                    ndjson.write('\n');
                }
                MonitorHttp.Response answer = post("?format=openai-responses", ndjson.toByteArray(), TOKEN);
                assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(200);
                assertThat(answer.body().path("rejected").asInt()).isZero();
            }
        }
        catchUpWith(runtime.config().topics().interactions());

        assertThat(countsOf(pipeline.interactionsPerVersion(), "gpt-4-turbo")).isEqualTo(fileReplayCounts(log)).containsValue(805L);
        assertThat(countsOf(pipeline.interactionsPerVersion(), "alpaca")).containsValue(805L);
    }

    @Test
    @Order(3)
    void shouldRefuseBadRequestsWithTheReasonAndStillWriteTheGoodRecordsOfABatch() throws Exception {
        String good = new String(LogConversions.toOpenAiResponses(Files.readAllLines(log("gpt-4-turbo"), UTF_8).get(0)), UTF_8);
        String batch = "[" + good + ", {\"request\": {\"model\": \"m:1\"}, \"response\": {\"output\": []}}, 7]";

        MonitorHttp.Response mixed = post("?format=openai-responses", batch.getBytes(UTF_8), TOKEN);

        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body().path("accepted").asInt()).isEqualTo(1);
        JsonNode results = mixed.body().path("results");
        assertThat(results.path(0).path("status").asText()).isEqualTo("accepted");
        assertThat(results.path(1).path("reason").asText()).isEqualTo("missing request.input");
        assertThat(results.path(2).path("reason").asText()).isEqualTo("not a JSON object");

        assertThat(post("", good.getBytes(UTF_8), null).status()).isEqualTo(401);
        assertThat(post("", good.getBytes(UTF_8), "wrong").status()).isEqualTo(401);
        MonitorHttp.Response unknownFormat = post("?format=csv", good.getBytes(UTF_8), TOKEN);
        assertThat(unknownFormat.status()).isEqualTo(400);
        assertThat(unknownFormat.body().path("error").asText()).contains("unknown log format 'csv'");
        // Repeated: the refusal used to race the client's upload, and the client sometimes lost it.
        for (int i = 0; i < 10; i++) {
            assertThat(post("", new byte[MAX_BYTES + 1], TOKEN).status()).isEqualTo(413);
        }
        assertThat(post("", "{}\n".repeat(MAX_RECORDS + 1).getBytes(UTF_8), TOKEN).status()).isEqualTo(413);
        assertThat(post("", "   ".getBytes(UTF_8), TOKEN).status()).isEqualTo(400);

        assertThat(countsOf(pipeline.interactionsPerVersion(), "gpt-4-turbo")).containsValue(805L);
        assertThat(runtime.streamsApp().isRunning()).isTrue();
    }

    private static MonitorHttp.Response post(String query, byte[] body, String token) throws Exception {
        return token == null ? pipeline.http.post(HttpIngest.PATH + query, body)
                : pipeline.http.post(HttpIngest.PATH + query, body, "Authorization", "Bearer " + token);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }

    /** The reason, cut to "not JSON" for JSON syntax errors, whose detail names the parser's position. */
    private static String reason(ConsumerRecord<byte[], byte[]> record) {
        String reason = header(record, DeadLetterRecords.REASON);
        return reason.startsWith("not JSON") ? "not JSON" : reason;
    }

    private static Path log(String prefix) throws Exception {
        return SharedTraffic.files().stream().filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }

    /** Per version, what {@code replay} of the original log accepts: the counts the other paths must match. */
    private static Map<String, Long> fileReplayCounts(Path log) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        new ReplaySource(new OpenAiLogParser()).replay(List.of(log), new RecordSink() {
            @Override
            public void accept(Interaction interaction) {
                counts.merge(interaction.getModel() + ":" + interaction.getVersion(), 1L, Long::sum);
            }

            @Override
            public void reject(LogLine line, String reason) {
            }
        });
        return counts;
    }

    private static Map<String, Long> countsOf(Map<String, Long> all, String modelPrefix) {
        Map<String, Long> some = new TreeMap<>();
        all.forEach((version, n) -> {
            if (version.startsWith(modelPrefix)) {
                some.put(version, n);
            }
        });
        return some;
    }

    /** Waits until the monitor consumed every committed record of {@code topic} and, after it, of interactions. */
    private static void catchUpWith(String topic) throws Exception {
        runtime.catchUp().await(committedTargets(topic), Duration.ofMinutes(2));
        runtime.catchUp().await(committedTargets(runtime.config().topics().interactions()), Duration.ofMinutes(2));
    }

    private static Map<TopicPartition, Long> committedTargets(String topic) {
        return ClusterProbe.committedEnds(runtime.clientConfig(), topic);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return ClusterProbe.readCommitted(runtime.clientConfig(), topic);
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        return config;
    }
}
