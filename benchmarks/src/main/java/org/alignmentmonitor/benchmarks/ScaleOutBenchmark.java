package org.alignmentmonitor.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.Role;
import org.alignmentmonitor.schemas.AvroTrust;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of 1, 2 and 3 streams instances in one run: the same interactions are written once to one broker, a
 * plain consumer reads them raw, then each round starts that many {@code streams}-role instances under a fresh
 * application id (so each round reads the topic from the start) and times them until their stores together count
 * every interaction. All instances share this JVM and the machine's cores with the broker: the figure shows what
 * scale-out costs and gains on this machine, not what separate machines would give.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true)
public final class ScaleOutBenchmark implements Callable<Integer> {

    @Option(names = "--traffic", required = true, description = "Directory of OpenAI-style JSONL logs (.jsonl or .jsonl.gz).")
    Path traffic;

    @Option(names = "--records", defaultValue = "100000")
    int records;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions per topic (6: 2 per instance at 3).")
    int partitions;

    @Option(names = "--max-instances", defaultValue = "3")
    int maxInstances;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new ScaleOutBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Interaction> sample = RealTraffic.load(traffic);
        Path dir = Files.createTempDirectory("am-scale");
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(dir.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             MonitorRuntime writer = MonitorRuntime.connect(ConfigLoader.load(settings(cluster, registry, dir, "writer", 0),
                     null, Map.of(), Map.of()))) {
            String topic = writer.config().topics().interactions();
            double produce = EndToEndBenchmark.write(writer, topic, sample, records, true);
            double raw = EndToEndBenchmark.rawConsume(writer, topic, records);
            System.out.printf("records=%d partitions=%d cores=%d%n", records, partitions, Runtime.getRuntime().availableProcessors());
            System.out.printf("produce (idempotent, acks=all)  : %,10.0f records/s%n", produce);
            System.out.printf("raw consume of the input topic  : %,10.0f records/s%n", raw);
            for (int n = 1; n <= maxInstances; n++) {
                double rate = round(cluster, registry, dir, n);
                System.out.printf("%d streams instance%s            : %,10.0f interactions/s (ratio %.3f)%n", n,
                        n == 1 ? " " : "s", rate, rate / raw);
            }
        }
        return 0;
    }

    /** Interactions/s from the start of {@code n} instances until they together count every record. */
    private double round(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, Path dir, int n) throws Exception {
        List<MonitorRuntime> instances = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings(cluster, registry, dir,
                        "round" + n + "-" + i, n), null, Map.of(), Map.of()));
                instances.add(runtime);
                runtime.startProcessing(ClassifierSuite.defaults(), Role.STREAMS);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (counted(instances) < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(n + " instances did not finish");
                }
                Thread.sleep(50);
            }
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            for (MonitorRuntime runtime : instances) {
                runtime.close();
            }
        }
    }

    /** What the instances' stores count together; -1 while a store moves between them (a rebalance). */
    private static long counted(List<MonitorRuntime> instances) {
        try {
            return instances.stream().mapToLong(EndToEndBenchmark::countedInteractions).sum();
        } catch (InvalidStateStoreException e) {
            return -1;
        }
    }

    /** One instance's settings; instances of the same round share an application id, rounds do not. */
    private Map<String, String> settings(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, Path dir, String name,
                                         int round) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", cluster.bootstrapServers());
        settings.put("schema.registry.url", registry.url());
        settings.put("monitor.application.id", "bench-scale-" + round);
        settings.put("monitor.data.dir", dir.resolve(name).toString());
        settings.put("monitor.http.port", "0");
        settings.put("monitor.topics.partitions", String.valueOf(partitions));
        return settings;
    }
}
