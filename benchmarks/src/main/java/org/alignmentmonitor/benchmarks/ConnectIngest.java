package org.alignmentmonitor.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.connect.ToInteraction;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * The Kafka Connect path of {@link IngestBenchmark}: a standalone worker (no REST server) in the
 * benchmark's JVM runs the file source over a log of JSON records with the plugin's
 * {@link ToInteraction} transformation, timed from the connector's creation until the broker holds
 * every transformed record on {@code interactions} (the worker's producer: idempotent, acks=all).
 */
final class ConnectIngest {

    private static final Duration DEADLINE = Duration.ofMinutes(20);

    private ConnectIngest() {
    }

    /** Records/s of {@code lines} (one record each, all accepted) through the transformation into the interactions topic. */
    static double rate(MonitorRuntime runtime, List<byte[]> lines, Path workDir) throws Exception {
        Path log = workDir.resolve("connect-source.jsonl");
        try (var out = Files.newOutputStream(log)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        String interactions = runtime.config().topics().interactions();
        StandaloneHerder herder = startWorker(runtime, workDir);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(new HashMap<>(runtime.clientConfig()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(interactions).stream()
                    .map(p -> new TopicPartition(interactions, p.partition())).toList();
            long before = endOffsetSum(consumer, parts);
            long start = System.nanoTime();
            createConnector(herder, Map.of("name", "bench-connect", "tasks.max", "1",
                    "connector.class", FileStreamSourceConnector.class.getName(), "file", log.toString(),
                    "topic", "bench-connect-raw", "batch.size", "2000",
                    "transforms", "toInteraction", "transforms.toInteraction.type", ToInteraction.class.getName(),
                    "transforms.toInteraction.format", "openai-chat",
                    "transforms.toInteraction.schema.registry.url", runtime.config().registry().get("schema.registry.url")));
            long deadline = start + DEADLINE.toNanos();
            while (endOffsetSum(consumer, parts) - before < lines.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Connect path did not write " + lines.size() + " records in " + DEADLINE);
                }
                Thread.sleep(20);
            }
            return lines.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            herder.stop();
        }
    }

    private static StandaloneHerder startWorker(MonitorRuntime runtime, Path workDir) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", (String) runtime.clientConfig().get("bootstrap.servers"));
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, workDir.resolve("connect-offsets").toString());
        Plugins plugins = new Plugins(worker);
        plugins.compareAndSwapWithDelegatingLoader();
        StandaloneConfig config = new StandaloneConfig(worker);
        // The worker's default policy, built directly: Plugins' factory methods need Maven's version classes to compile against.
        ConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
        JsonConverter offsetKeys = new JsonConverter();
        offsetKeys.configure(Map.of("schemas.enable", "false"), true);
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(offsetKeys);
        offsets.configure(config);
        StandaloneHerder herder = new StandaloneHerder(new Worker("ingest-benchmark", Time.SYSTEM, plugins, config, offsets, policy),
                config.kafkaClusterId(), policy);
        herder.start();
        return herder;
    }

    private static void createConnector(StandaloneHerder herder, Map<String, String> connector) throws Exception {
        FutureCallback<Object> created = new FutureCallback<>();
        herder.putConnectorConfig(connector.get("name"), connector, false, (error, result) -> created.onCompletion(error, result));
        created.get(60, TimeUnit.SECONDS);
    }

    /** Offsets the broker has written on the partitions: the sum grows by one per acknowledged record. */
    private static long endOffsetSum(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> parts) {
        return consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
}
