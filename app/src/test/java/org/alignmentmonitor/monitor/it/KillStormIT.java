package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.embedded.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of {@code monitor run} at random moments of an ingest of the real traffic, each followed by
 * a restart. The log lines arrive raw on a source topic ({@code monitor.sources.*}), so the kills also
 * hit the monitor's own parse step. The broker and registry live in the test JVM and survive, and every
 * log line is written exactly once, so the final counts must equal an offline recount: nothing lost, nothing
 * counted twice, no dead letters. {@code -Dfaults.kills=N} sets the number of kills (the
 * {@code reliability} profile runs 20); {@code -Dfaults.seed} the moments.
 */
class KillStormIT {

    private static final Logger LOG = LoggerFactory.getLogger(KillStormIT.class);
    private static final int KILLS = Integer.getInteger("faults.kills", 3);
    private static final long SEED = Long.getLong("faults.seed", 20261205L);
    private static final Path REPORT = Path.of("target", "reliability", "kill-storm.txt");
    /** The children's logs, kept for a post-mortem. */
    private static final Path LOGS = Path.of("target", "reliability", "kill-storm-logs");
    private static final String RAW_TOPIC = "gateway-logs";

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryInteractionExactlyOnceWhenTheMonitorIsKilledRepeatedly() throws Exception {
        Map<String, Long> expected = TrafficRecount.perVersion(SharedTraffic.files());
        List<Path> parts = InputFeed.split(SharedTraffic.files(), KILLS + 1, tmp.resolve("parts"));
        Random random = new Random(SEED);
        List<Duration> toRunning = new ArrayList<>();
        List<Duration> toProgress = new ArrayList<>();
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             ChildLauncher monitor = new ChildLauncher(LOGS, tmp.resolve("monitor"), Ports.free(),
                     withRawSource(ChildRun.onCluster(cluster.bootstrapServers(), registry.url())))) {
            ClusterProbe probe = new ClusterProbe(cluster.bootstrapServers());
            InputFeed feed = new InputFeed(cluster.bootstrapServers(), registry.url());
            ChildRun child = monitor.start("start-0");
            child.awaitReady(Duration.ofMinutes(2));
            long sent = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = child.total();
                sent += feed.sendRaw(List.of(parts.get(kill - 1)), RAW_TOPIC);
                // A moment while the new part is being counted; max(1, ...) keeps a double count from breaking the draw.
                long target = before + 1 + random.nextInt((int) Math.max(1, sent - before));
                awaitTotalAtLeast(child, target);
                long progressAtKill = child.total();
                child.kill();
                LOG.info("kill {}/{}: SIGKILL at {} of {} sent interactions counted (target {})", kill, KILLS, progressAtKill, sent, target);

                long restarted = System.nanoTime();
                child = monitor.start("start-" + kill);
                child.awaitReady(Duration.ofMinutes(2));
                toRunning.add(Duration.ofNanos(System.nanoTime() - restarted));
                awaitTotalAtLeast(child, progressAtKill);
                toProgress.add(Duration.ofNanos(System.nanoTime() - restarted));
            }
            feed.sendRaw(List.of(parts.get(KILLS)), RAW_TOPIC);
            child.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(3));
            probe.awaitCaughtUpThroughSource(feed.writtenUpTo(), Duration.ofMinutes(3));
            Map<String, Long> counted = child.counts();
            RecoveryReport report = new RecoveryReport("kill-storm (kill -9 of monitor run, seed " + SEED + ")", KILLS,
                    CountDiff.of(expected, counted), toRunning, toProgress);
            LOG.info("{}", report.summary());
            report.appendTo(REPORT);
            Map<String, Long> deadLetters = new HashMap<>(probe.deadLetters());
            deadLetters.put(RAW_TOPIC + "-dlq", (long) ClusterProbe.readCommitted(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                    RAW_TOPIC + "-dlq").size());
            child.stop();

            assertThat(counted).as("counts per version after %d kills", KILLS).isEqualTo(expected);
            assertThat(deadLetters.values()).as("dead letters %s", deadLetters).containsOnly(0L);
        }
    }

    private static Map<String, String> withRawSource(Map<String, String> settings) {
        Map<String, String> withSource = new HashMap<>(settings);
        withSource.put("monitor.sources.gateway.topic", RAW_TOPIC);
        return withSource;
    }

    private static void awaitTotalAtLeast(ChildRun child, long target) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            child.requireAlive();
            assertThat(child.total()).as("interactions counted").isGreaterThanOrEqualTo(target);
        });
    }
}
