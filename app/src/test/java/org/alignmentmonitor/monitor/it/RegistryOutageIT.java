package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.embedded.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry goes away (connections refused) and comes back. A running monitor holds the
 * schemas it has met in its caches; it needs the registry when it starts with empty caches, or when
 * a record carries a schema id it has not fetched yet (a producer upgraded). In both cases records
 * must wait, not be dead-lettered, and all be counted once the registry is back.
 */
class RegistryOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageIT.class);
    private static final Path REPORT = Path.of("target", "reliability", "registry-outage.txt");
    /** The children's logs, kept for a post-mortem. */
    private static final Path LOGS = Path.of("target", "reliability", "registry-outage-logs");

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryRecordOnceTheRegistryIsBackWhenTheMonitorStartedDuringTheOutage() throws Exception {
        Map<String, Long> expected = TrafficRecount.perVersion(SharedTraffic.files());
        List<Path> halves = InputFeed.split(SharedTraffic.files(), 2, tmp.resolve("parts"));
        int registryPort = Ports.free();
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             ChildLauncher monitor = new ChildLauncher(LOGS, tmp.resolve("monitor"), Ports.free(),
                     ChildRun.onCluster(cluster.bootstrapServers(), "http://127.0.0.1:" + registryPort))) {
            ClusterProbe probe = new ClusterProbe(cluster.bootstrapServers());
            InputFeed feed = new InputFeed(cluster.bootstrapServers(), "http://127.0.0.1:" + registryPort);
            long firstHalf;
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), registryPort)) {
                ChildRun warm = monitor.start("warm");
                warm.awaitReady(Duration.ofMinutes(2));
                firstHalf = feed.send(List.of(halves.get(0)));
                warm.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(2));
                warm.stop();
            }

            long outageStarted = System.nanoTime();
            // The feed's client cached the schema id: producers that already registered keep writing.
            long secondHalf = feed.send(List.of(halves.get(1)));
            ChildRun cold = monitor.start("cold");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                cold.requireAlive();
                // The stream thread met the outage: it either fails and is replaced (the record waits) or dead-letters the record.
                assertThat(cold.log()).as("the cold monitor's stream thread met the outage")
                        .containsPattern("Stream thread failed; replacing it|Undeserializable record interactions");
            });
            Map<String, Long> deadLettersDuringOutage = probe.deadLetters();
            try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), registryPort)) {
                checkCaughtUpOnceBack("registry-outage", cold, probe, feed.writtenUpTo(), outageStarted,
                        firstHalf + secondHalf, deadLettersDuringOutage, expected);
            }
        }
    }

    @Test
    void shouldCountRecordsOfANewSchemaOnceTheRegistryIsBackWhenItWentAwayWhileTheMonitorRan() throws Exception {
        Map<String, Long> expected = TrafficRecount.perVersion(SharedTraffic.files());
        List<Path> halves = InputFeed.split(SharedTraffic.files(), 2, tmp.resolve("parts"));
        int registryPort = Ports.free();
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             ChildLauncher monitor = new ChildLauncher(LOGS, tmp.resolve("monitor"), Ports.free(),
                     ChildRun.onCluster(cluster.bootstrapServers(), "http://127.0.0.1:" + registryPort))) {
            ClusterProbe probe = new ClusterProbe(cluster.bootstrapServers());
            InputFeed feed = new InputFeed(cluster.bootstrapServers(), "http://127.0.0.1:" + registryPort);
            ChildRun running = monitor.start("running");
            long firstHalf;
            int newerSchema;
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), registryPort)) {
                running.awaitReady(Duration.ofMinutes(2));
                firstHalf = feed.send(List.of(halves.get(0)));
                running.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(2));
                newerSchema = feed.registerNewerSchema();
            }

            long outageStarted = System.nanoTime();
            // A producer upgraded to a newer schema just before the outage: ids the warm monitor has never fetched.
            long secondHalf = feed.sendAsNewerWriter(List.of(halves.get(1)), newerSchema);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                running.requireAlive();
                assertThat(running.log()).as("the running monitor met the outage on a record of the newer schema")
                        .containsPattern("unavailable while reading interactions|Undeserializable record interactions");
            });
            Map<String, Long> deadLettersDuringOutage = probe.deadLetters();
            try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), registryPort)) {
                checkCaughtUpOnceBack("registry-outage (new schema id while running)", running, probe, feed.writtenUpTo(),
                        outageStarted, firstHalf + secondHalf, deadLettersDuringOutage, expected);
            }
        }
    }

    /** With the registry back: the monitor catches up, every record counted once, nothing dead-lettered; one report line. */
    private static void checkCaughtUpOnceBack(String fault, ChildRun run, ClusterProbe probe, Map<TopicPartition, Long> writtenUpTo,
            long outageStarted, long input, Map<String, Long> deadLettersDuringOutage, Map<String, Long> expected) throws Exception {
        Duration outage = Duration.ofNanos(System.nanoTime() - outageStarted);
        long back = System.nanoTime();
        run.awaitCaughtUp(probe, writtenUpTo, Duration.ofMinutes(3));
        Duration recovery = Duration.ofNanos(System.nanoTime() - back);
        Map<String, Long> counted = run.counts();
        Map<String, Long> deadLetters = probe.deadLetters();
        long deadLettered = TrafficRecount.total(deadLetters);
        String summary = String.format("%s: input=%d dead-lettered-during-outage=%d outage=%d ms; after return: counted=%d "
                        + "dead-lettered=%d %s, caught up %d ms after the registry returned", fault, input,
                TrafficRecount.total(deadLettersDuringOutage), outage.toMillis(), TrafficRecount.total(counted), deadLettered,
                CountDiff.of(expected, counted), recovery.toMillis());
        LOG.info("{}", summary);
        RecoveryReport.appendLine(REPORT, summary);
        run.stop();

        assertThat(TrafficRecount.total(counted) + deadLettered).as("counted + dead-lettered").isEqualTo(input);
        assertThat(counted).as("counts per version once the registry is back").isEqualTo(expected);
        assertThat(deadLetters.values()).as("dead letters %s", deadLetters).containsOnly(0L);
    }
}
