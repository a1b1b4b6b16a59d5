package org.alignmentmonitor.benchmarks.recovery;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficGenerator;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;

/**
 * One monitor process of the recovery benchmark, embedded broker included, so that killing it kills
 * both as a crash of the embedded default does. Phases:
 * <ul>
 *   <li>{@code load DATA_DIR N CLASSIFIERS KILL_AT [KEY=VALUE...]}: produces N synthetic interactions and
 *       prints {@code LOADED} once KILL_AT of them are counted (and, when KILL_AT is N, committed), then
 *       goes on until killed;</li>
 *   <li>{@code restart DATA_DIR N CLASSIFIERS [KEY=VALUE...]}: starts on the state left behind, waits
 *       until exactly N are counted, produces one new interaction and prints the timings as one
 *       {@code RESULT} line, then closes cleanly.</li>
 * </ul>
 * Output lines are for {@link RecoveryBenchmark}; times are milliseconds since this JVM started.
 */
public final class RecoveryChild {

    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(40);
    private static final Duration COUNT_DEADLINE = Duration.ofMinutes(5);
    /** Event times of the loaded traffic: spread over the last hour, like live traffic. */
    private static final long SPAN_MS = Duration.ofHours(1).toMillis();
    private static final long SEED = 7;

    private RecoveryChild() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.install();
        String phase = args[0];
        Path dataDir = Path.of(args[1]);
        long interactions = Long.parseLong(args[2]);
        ClassifierSuite classifiers = "none".equals(args[3]) ? ClassifierSuite.of("none", List.of()) : ClassifierSuite.defaults();
        switch (phase) {
            case "load" -> load(settings(dataDir, List.of(args).subList(5, args.length)), interactions, classifiers, Long.parseLong(args[4]));
            case "restart" -> restart(settings(dataDir, List.of(args).subList(4, args.length)), interactions, classifiers);
            default -> throw new IllegalArgumentException("unknown phase " + phase);
        }
    }

    private static Map<String, String> settings(Path dataDir, List<String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "monitor.data.dir", dataDir.toString(),
                "monitor.http.port", "0"));
        for (String kv : extra) {
            int eq = kv.indexOf('=');
            settings.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return settings;
    }

    private static void load(Map<String, String> settings, long interactions, ClassifierSuite classifiers, long killAt)
            throws Exception {
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
        runtime.startProcessing(classifiers);
        produce(runtime, interactions);
        long deadline = System.nanoTime() + LOAD_DEADLINE.toNanos();
        while (counted(runtime) < killAt) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("counted " + counted(runtime) + " of " + killAt + " interactions after " + LOAD_DEADLINE);
            }
            Thread.sleep(20);
        }
        if (killAt == interactions) {
            // Let a few commits pass so that what was counted is also committed before the kill.
            Thread.sleep(3 * runtime.config().commitInterval().toMillis() + 2000);
        }
        System.out.println("LOADED " + counted(runtime));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);  // until killed: no close, no final checkpoint
    }

    private static void restart(Map<String, String> settings, long interactions, ClassifierSuite classifiers) throws Exception {
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
        long connected = sinceStart();
        runtime.startProcessing(classifiers);
        long running = sinceStart();
        long countAtRunning = counted(runtime);
        awaitCount(runtime, interactions, COUNT_DEADLINE);
        long caughtUp = sinceStart();
        try (KafkaRecordSink sink = sink(runtime)) {
            Interaction fresh = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), SEED + 1, System.currentTimeMillis())
                    .next(System.currentTimeMillis());
            sink.accept(fresh);
            sink.flush();
        }
        awaitCount(runtime, interactions + 1, COUNT_DEADLINE);
        long counted = sinceStart();
        System.out.printf("RESULT connectedMs=%d runningMs=%d countAtRunning=%d caughtUpMs=%d newRecordCountedMs=%d%n",
                connected, running, countAtRunning, caughtUp, counted);
        System.out.flush();
        runtime.close();
    }

    private static void produce(MonitorRuntime runtime, long interactions) {
        long start = System.currentTimeMillis() - SPAN_MS;
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), SEED, start);
        try (KafkaRecordSink sink = sink(runtime)) {
            for (long i = 0; i < interactions; i++) {
                sink.accept(generator.next(start + i * SPAN_MS / interactions));
            }
            sink.flush();
        }
    }

    private static KafkaRecordSink sink(MonitorRuntime runtime) {
        String topic = runtime.config().topics().interactions();
        return new KafkaRecordSink(runtime.clientConfig(), topic, DeadLetterTopics.of(topic),
                runtime.topics().interactions().valueSerde().serializer());
    }

    private static void awaitCount(MonitorRuntime runtime, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen;
        while ((seen = counted(runtime)) != expected) {
            if (seen > expected) {
                throw new IllegalStateException("counted " + seen + " interactions, more than the " + expected + " produced");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("counted " + seen + " of " + expected + " interactions after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static long counted(MonitorRuntime runtime) {
        return runtime.streamsApp().stores().localVersionTotals().stream().mapToLong(BucketStats::getInteractions).sum();
    }

    private static long sinceStart() {
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        return Duration.between(started, Instant.now()).toMillis();
    }
}
