package org.alignmentmonitor.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end throughput: real traffic, repeated with fresh ids, is loaded into the embedded broker;
 * then (1) a plain consumer reads the input topic raw, and (2) the monitor topology processes it
 * until every interaction is in the merged statistics. Reports both rates and their ratio, measured
 * in the same JVM on the same data.
 */
@Command(name = "end-to-end", mixinStandardHelpOptions = true)
public final class EndToEndBenchmark implements Callable<Integer> {

    private static final long LIVE_SPAN_MS = Duration.ofMinutes(10).toMillis();

    @Option(names = "--traffic", required = true, description = "Directory of OpenAI-style JSONL logs (.jsonl or .jsonl.gz, e.g. testdata/traffic).")
    Path traffic;

    @Option(names = "--records", defaultValue = "200000")
    int records;

    @Option(names = "--warm-up", defaultValue = "0", description = {"Interactions processed before the timed part starts.",
            "Without it the timed part includes compiling the monitor's code: the JIT threads were ~45% of the JVM's CPU over 200,000."})
    int warmUp;

    @Option(names = "--partitions", defaultValue = "3")
    int partitions;

    @Option(names = "--commit-interval", defaultValue = "500ms")
    String commitInterval;

    @Option(names = "--live-times", description = {"Re-stamp event times as live traffic spread over the last 10 minutes.",
            "The sample's own times are one minute apart per version, so without this nearly every interaction opens its own bucket."})
    boolean liveTimes;

    @Option(names = "--no-classifiers", description = "Run the topology with an empty classifier suite, to see what classification costs.")
    boolean noClassifiers;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "Any monitor or Kafka setting, e.g. processing.guarantee=at_least_once.")
    Map<String, String> extra = new HashMap<>();

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new EndToEndBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Interaction> sample = RealTraffic.load(traffic);
        Path dataDir = Files.createTempDirectory("am-bench");
        Map<String, String> settings = new HashMap<>(Map.of(
                "monitor.data.dir", dataDir.toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", String.valueOf(partitions),
                "monitor.streams.commit.interval", commitInterval));
        settings.putAll(extra);
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))) {
            String topic = runtime.config().topics().interactions();
            double produceRate = write(runtime, topic, sample, warmUp + records, liveTimes);
            if (warmUp > 0) {
                rawConsume(runtime, topic, warmUp + records); // the same warm-up for the consumer's own code
            }
            double rawRate = rawConsume(runtime, topic, warmUp + records);

            long start = System.nanoTime();
            long processCpuAtStart = StreamThreadCpu.processCpuNanos();
            RunBreakdown breakdown = RunBreakdown.start();
            runtime.startProcessing(noClassifiers ? ClassifierSuite.of("none", List.of()) : ClassifierSuite.defaults());
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            awaitCounted(runtime, warmUp, deadline);
            long running = System.nanoTime();
            long counted = countedInteractions(runtime);
            if (warmUp > 0) {
                processCpuAtStart = StreamThreadCpu.processCpuNanos();
                breakdown = RunBreakdown.start();
            }
            StreamThreadCpu streamCpu = StreamThreadCpu.start();
            awaitCounted(runtime, warmUp + records, deadline);
            long done = System.nanoTime();
            long streamCpuNanos = streamCpu.nanosSinceStart();
            long processCpuNanos = StreamThreadCpu.processCpuNanos() - processCpuAtStart;
            long timed = warmUp + records - counted;
            double e2e = timed / ((done - running) / 1e9);
            double e2eWithStartup = (warmUp + records) / ((done - start) / 1e9);
            System.out.printf("records=%d warm-up=%d (timed from %d counted) partitions=%d commit=%s classifiers=%s event-times=%s settings=%s%n",
                    records, warmUp, counted, partitions, commitInterval, noClassifiers ? "none" : "default", liveTimes ? "live" : "sample", extra);
            System.out.printf("produce (idempotent, acks=all)  : %,10.0f records/s%n", produceRate);
            System.out.printf("raw consume of the input topic  : %,10.0f records/s%n", rawRate);
            System.out.printf("monitor topology, end to end    : %,10.0f interactions/s (ratio %.2f)%n", e2e, e2e / rawRate);
            System.out.printf("  including Streams start-up    : %,10.0f interactions/s (ratio %.2f)%n", e2eWithStartup, e2eWithStartup / rawRate);
            System.out.printf("stream threads' CPU             : %,10.2f µs/interaction (%d threads)%n",
                    streamCpuNanos / 1e3 / timed, streamCpu.threads());
            System.out.printf("whole JVM's CPU (broker too)    : %,10.2f µs/interaction%n", processCpuNanos / 1e3 / timed);
            breakdown.printThreadCpu(timed);
            breakdown.printJvmInternalCpu(timed);
            // The input topic was written before the run; every other topic is what processing wrote.
            RunBreakdown.printTopics(dataDir.resolve("kafka").resolve("kafka-logs"), warmUp + records);
        }
        return 0;
    }

    /**
     * Writes {@code records} interactions, cycling through the sample with fresh ids (and, with {@code liveTimes},
     * event times spread over the last ten minutes); returns records/s.
     */
    static double write(MonitorRuntime runtime, String topic, List<Interaction> sample, int records, boolean liveTimes)
            throws Exception {
        long liveStart = System.currentTimeMillis() - LIVE_SPAN_MS;
        long start = System.nanoTime();
        try (KafkaRecordSink sink = new KafkaRecordSink(runtime.clientConfig(), topic, DeadLetterTopics.of(topic),
                runtime.topics().interactions().valueSerde().serializer())) {
            for (int i = 0; i < records; i++) {
                Interaction template = sample.get(i % sample.size());
                Interaction.Builder copy = Interaction.newBuilder(template).setId(template.getId() + "-" + (i / sample.size()));
                if (liveTimes) {
                    copy.setEventTime(Instant.ofEpochMilli(liveStart + i * LIVE_SPAN_MS / records));
                }
                sink.accept(copy.build());
            }
            sink.flush();
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    /** Reads {@code records} records of a topic as raw bytes with a consumer tuned like the Streams one; records/s. */
    static double rawConsume(MonitorRuntime runtime, String topic, int records) {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long start = System.nanoTime();
            long n = 0;
            while (n < records) {
                n += consumer.poll(Duration.ofMillis(500)).count();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Polls (every 50 ms: the poll's own CPU counts in the whole JVM's) until {@code target} interactions are counted. */
    private static void awaitCounted(MonitorRuntime runtime, long target, long deadline) throws InterruptedException {
        while (countedInteractions(runtime) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topology did not finish: " + countedInteractions(runtime) + " of " + target);
            }
            Thread.sleep(50);
        }
    }

    static long countedInteractions(MonitorRuntime runtime) {
        return runtime.streamsApp().stores().localVersionTotals().stream().mapToLong(BucketStats::getInteractions).sum();
    }
}
