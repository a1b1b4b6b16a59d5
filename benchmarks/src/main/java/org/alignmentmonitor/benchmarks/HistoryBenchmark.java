package org.alignmentmonitor.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.rates.WindowPlan;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketKeySerde;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.VersionPartitioner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cost as history grows: a year of statistics for many versions is written straight into the
 * merge stage's input (the bucket-deltas repartition topic), so the real merger fills the real
 * RocksDB minute, hour and day stores as retention would leave them (minutes for the last 2 days,
 * hours for 90 days, days before), without classifying 26 million interactions first. Then
 * {@code GET /api/v1/rates} is timed over HTTP for windows of 1 hour, 30 days and 1 year.
 */
@Command(name = "history", mixinStandardHelpOptions = true)
public final class HistoryBenchmark implements Callable<Integer> {

    private static final long MINUTE = 60_000L;
    private static final long BUCKET_RETENTION = Duration.ofDays(2).toMillis();
    private static final long HOUR_RETENTION = Duration.ofDays(90).toMillis();

    @Option(names = "--versions", defaultValue = "50")
    int versions;

    @Option(names = "--days", defaultValue = "365")
    int days;

    @Option(names = "--queries", defaultValue = "200", description = "Timed queries per window (after 20 warm-up queries).")
    int queries;

    @Option(names = "--partitions", defaultValue = "3")
    int partitions;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE")
    Map<String, String> extra = new HashMap<>();

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new HistoryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("am-history");
        Map<String, String> settings = new HashMap<>(Map.of(
                "monitor.data.dir", dataDir.toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", String.valueOf(partitions)));
        settings.putAll(extra);
        long now = System.currentTimeMillis();
        long end = now - Math.floorMod(now, MINUTE);
        long start = end - days * WindowPlan.DAY;
        start -= Math.floorMod(start, WindowPlan.DAY);
        long perVersion = (end - start) / MINUTE;
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))) {
            runtime.startProcessing(ClassifierSuite.of("none", List.of()));
            long heapBefore = heapAfterFullGc();
            long loadStart = System.nanoTime();
            long records = load(runtime, start, end);
            long expected = perVersion * versions;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (counted(runtime) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("history not merged: " + counted(runtime) + " of " + expected);
                }
                Thread.sleep(100);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long heapAfter = heapAfterFullGc();
            System.out.printf("versions=%d days=%d delta records=%,d merged in %.1f s (%,.0f records/s); interactions per version %,d%n",
                    versions, days, records, loadSeconds, records / loadSeconds, perVersion);
            System.out.printf("heap after full GC: %,d KB before loading, %,d KB after (broker, registry and Streams caches share this JVM)%n",
                    heapBefore / 1024, heapAfter / 1024);
            printEntrySizes(runtime, end);

            RatesClient client = new RatesClient(runtime.api().port());
            Map<String, Long> windows = new java.util.LinkedHashMap<>();
            windows.put("1h", Duration.ofHours(1).toMillis());
            windows.put("30d", Duration.ofDays(30).toMillis());
            windows.put("1y", Duration.ofDays(365).toMillis());
            for (Map.Entry<String, Long> window : windows.entrySet()) {
                time(client, window.getKey(), end - window.getValue(), end);
            }
            long oneYear = client.interactions(model(0), version(0), end - days * WindowPlan.DAY, end);
            System.out.printf("check: 1y window of %s:%s counts %,d of %,d interactions stored%n", model(0), version(0), oneYear, perVersion);
        }
        System.out.printf("state on disk after close (RocksDB, per store, all %d versions):%n", versions);
        printStoreSizes(dataDir.resolve("streams"));
        return 0;
    }

    /** One delta per minute for the last 2 days, per hour back to 90 days, per day before: what retention keeps. */
    private long load(MonitorRuntime runtime, long start, long end) {
        String topic = Names.bucketDeltasTopic(runtime.config().applicationId());
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        VersionPartitioner partitioner = new VersionPartitioner();
        Serializer<BucketStats> values = runtime.topics().bucketStatsSerde().serializer();
        long n = 0;
        try (KafkaProducer<BucketKey, BucketStats> producer = new KafkaProducer<>(config, new BucketKeySerde().serializer(), values)) {
            int partitionCount = producer.partitionsFor(topic).size();
            for (int v = 0; v < versions; v++) {
                for (long t = start; t < end; t += step(t, end)) {
                    BucketKey key = new BucketKey(model(v), version(v), t);
                    int partition = partitioner.partitions(topic, key, null, partitionCount).orElseThrow().iterator().next();
                    producer.send(new ProducerRecord<>(topic, partition, key, delta(key, step(t, end))));
                    n++;
                }
            }
            producer.flush();
        }
        return n;
    }

    private static long step(long t, long end) {
        if (t < end - HOUR_RETENTION) {
            return WindowPlan.DAY;
        }
        return t < end - BUCKET_RETENTION ? WindowPlan.HOUR : MINUTE;
    }

    /** One interaction a minute, 2% flagged, over two categories: a typical small bucket. */
    private static BucketStats delta(BucketKey key, long spanMs) {
        long n = spanMs / MINUTE;
        long flagged = n / 50;
        BucketStats stats = BucketStatsMath.empty(key, MINUTE);
        stats.setInteractions(n);
        stats.setFlagged(flagged);
        stats.setScoreSum(0.1 * n);
        stats.setScoreSumSquares(0.02 * n);
        stats.getFlaggedByCategory().put("truncation", flagged / 2);
        stats.getFlaggedByCategory().put("repetition", flagged - flagged / 2);
        stats.getFlaggedByClassifier().put("rule.truncation", flagged / 2);
        stats.getFlaggedByClassifier().put("rule.repetition", flagged - flagged / 2);
        stats.getClassifierConfigVersions().add("default-1");
        stats.setMinEventTime(java.time.Instant.ofEpochMilli(key.bucketStart()));
        stats.setMaxEventTime(java.time.Instant.ofEpochMilli(key.bucketStart() + spanMs - 1));
        return stats;
    }

    private void time(RatesClient client, String name, long from, long to) throws Exception {
        for (int i = 0; i < 20; i++) {
            client.interactions(model(i % versions), version(i % versions), from, to);
        }
        long[] nanos = new long[queries];
        long count = 0;
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            count = client.interactions(model(i % versions), version(i % versions), from, to);
            nanos[i] = System.nanoTime() - t0;
        }
        System.out.printf("GET /api/v1/rates window %-3s: %s (interactions in the answer: %,d)%n", name, Percentiles.ofNanos(nanos, queries), count);
    }

    /** Serialized size of one stored entry (key + value in the stores' compact form) of each kind. */
    private void printEntrySizes(MonitorRuntime runtime, long end) {
        Serializer<BucketStats> values = runtime.topics().bucketStatsSerde().serializer();
        String topic = Names.bucketDeltasTopic(runtime.config().applicationId());
        for (long span : new long[] {MINUTE, WindowPlan.HOUR, WindowPlan.DAY}) {
            BucketKey key = new BucketKey(model(0), version(0), end - span);
            int bytes = key.toBytes().length + values.serialize(topic, delta(key, span)).length;
            System.out.printf("stored entry of %s: %d bytes%n", Duration.ofMillis(span), bytes);
        }
    }

    private static void printStoreSizes(Path streamsDir) throws Exception {
        Map<String, Long> bytes = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(streamsDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = streamsDir.relativize(f);
                int rocks = indexOf(rel, "rocksdb");
                String store = rocks >= 0 && rocks + 1 < rel.getNameCount() ? rel.getName(rocks + 1).toString() : "(other)";
                bytes.merge(store, Files.size(f), Long::sum);
            }
        }
        bytes.forEach((store, size) -> System.out.printf("  %-28s %,12d bytes%n", store, size));
    }

    private static int indexOf(Path p, String name) {
        for (int i = 0; i < p.getNameCount(); i++) {
            if (p.getName(i).toString().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static long counted(MonitorRuntime runtime) {
        return runtime.streamsApp().stores().localVersionTotals().stream().mapToLong(BucketStats::getInteractions).sum();
    }

    private static long heapAfterFullGc() {
        return HeapAfterGc.afterFullGc();
    }

    private static String model(int v) {
        return "model-" + (v / 10);
    }

    private static String version(int v) {
        return "v" + v;
    }
}
