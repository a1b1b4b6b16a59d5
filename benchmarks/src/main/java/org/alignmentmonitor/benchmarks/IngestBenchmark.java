package org.alignmentmonitor.benchmarks;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.LogFiles;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.ingest.HttpIngest;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.schemas.AvroTrust;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput per path, next to the raw consume rate of the same bytes in the same JVM:
 * (1) raw JSON log records (OpenAI chat, fresh ids) are written to a raw source topic and read back
 * by a plain consumer; (2) the monitor starts and its parse sub-topology reads the topic until its
 * committed offsets reach the end (parse + write to interactions, exactly-once, while the main
 * topology classifies them); (3) the same number of records is POSTed to the HTTP ingest endpoint
 * as NDJSON batches by concurrent clients, timed until every answer (after the broker's ack);
 * (4) the same number of records goes through a Kafka Connect worker's file source and the plugin's
 * transformation into interactions ({@link ConnectIngest}), timed until the broker holds them all.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true)
public final class IngestBenchmark implements Callable<Integer> {

    private static final String RAW_TOPIC = "bench-raw-logs";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--traffic", required = true, description = "OpenAI chat JSONL logs (files or directories, .gz allowed).")
    Path traffic;

    @Option(names = "--records", defaultValue = "50000")
    int records;

    @Option(names = "--batch", defaultValue = "500", description = "Records per HTTP request.")
    int batch;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients.")
    int clients;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<ObjectNode> sample = sample();
        Path dataDir = Files.createTempDirectory("am-ingest-bench");
        Map<String, String> settings = Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0",
                "monitor.sources.bench.topic", RAW_TOPIC, "monitor.ingest.http.max-records", String.valueOf(Math.max(batch, 1)));
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))) {
            produce(runtime, sample);
            double raw = EndToEndBenchmark.rawConsume(runtime, RAW_TOPIC, records);
            long start = System.nanoTime();
            runtime.startProcessing(ClassifierSuite.defaults());
            awaitCommitted(runtime);
            double rawTopic = records / ((System.nanoTime() - start) / 1e9);
            double http = httpIngest(runtime, sample);
            List<byte[]> connectRecords = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                connectRecords.add(record(sample, i, "connect"));
            }
            double connect = ConnectIngest.rate(runtime, connectRecords, dataDir);
            System.out.printf("records=%d http-batch=%d http-clients=%d%n", records, batch, clients);
            System.out.printf("raw consume of the raw topic          : %,10.0f records/s%n", raw);
            System.out.printf("raw-topic source (incl. Streams start): %,10.0f records/s (ratio %.2f)%n", rawTopic, rawTopic / raw);
            System.out.printf("HTTP ingest, acknowledged             : %,10.0f records/s (ratio %.2f)%n", http, http / raw);
            System.out.printf("Kafka Connect, transformation, acked  : %,10.0f records/s (ratio %.2f)%n", connect, connect / raw);
            System.out.printf("interactions counted at the end       : %,10d%n", runtime.streamsApp().stores().localVersionTotals().stream()
                    .mapToLong(BucketStats::getInteractions).sum());
        }
        return 0;
    }

    private List<ObjectNode> sample() throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<LogLine> lines = LogFiles.lines(LogFiles.expand(List.of(traffic)), 1 << 20)) {
            for (LogLine line : (Iterable<LogLine>) lines::iterator) {
                out.add((ObjectNode) JSON.readTree(line.text()));
            }
        }
        return out;
    }

    /** Record {@code i} of a run: the sample cycled, each copy with its own response id. */
    private static byte[] record(List<ObjectNode> sample, int i, String run) throws Exception {
        ObjectNode copy = sample.get(i % sample.size()).deepCopy();
        ((ObjectNode) copy.path("response")).put("id", run + "-" + i);
        return JSON.writeValueAsBytes(copy);
    }

    private void produce(MonitorRuntime runtime, List<ObjectNode> sample) throws Exception {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put("linger.ms", 20);
        config.put("batch.size", 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, record(sample, i, "topic")));
            }
            producer.flush();
        }
    }

    /** Until the application's committed offsets on the raw topic reach its end: every record parsed and written. */
    private void awaitCommitted(MonitorRuntime runtime) throws Exception {
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(new HashMap<>(runtime.clientConfig()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ends = consumer.endOffsets(consumer.partitionsFor(RAW_TOPIC).stream().map(p -> new TopicPartition(RAW_TOPIC, p.partition())).toList());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = runtime.admin()
                    .listConsumerGroupOffsets(runtime.config().applicationId()).partitionsToOffsetAndMetadata().get();
            if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("raw topic not consumed: " + committed + " of " + ends);
            }
            Thread.sleep(20);
        }
    }

    private double httpIngest(MonitorRuntime runtime, List<ObjectNode> sample) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < records; from += batch) {
            ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
            for (int i = from; i < Math.min(records, from + batch); i++) {
                ndjson.write(record(sample, i, "http"));
                ndjson.write('\n');
            }
            bodies.add(ndjson.toByteArray());
        }
        URI uri = URI.create("http://127.0.0.1:" + runtime.api().port() + HttpIngest.PATH);
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    throw new IllegalStateException("HTTP ingest answered " + answer.get());
                }
            }
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
