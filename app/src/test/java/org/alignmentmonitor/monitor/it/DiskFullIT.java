package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.embedded.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's data dir (RocksDB state, checkpoints) sits on a small tmpfs that is filled
 * to the last byte while the monitor runs; the broker lives elsewhere. Traffic keeps coming, the
 * monitor is stopped and started again on the full disk, then space returns. The monitor must say
 * ENOSPC in its log rather than hang silently, dead-letter nothing, and count exactly once it has
 * space again.
 */
class DiskFullIT {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFullIT.class);
    private static final Path REPORT = Path.of("target", "reliability", "disk-full.txt");
    /** The children's logs, kept for a post-mortem. */
    private static final Path LOGS = Path.of("target", "reliability", "disk-full-logs");
    private static final String ENOSPC = "No space left on device";

    @TempDir
    Path tmp;

    @Test
    void shouldReportDiskFullAndCountExactlyAfterSpaceReturnsWhenTheDataDirFillsUp() throws Exception {
        Map<String, Long> expected = TrafficRecount.perVersion(SharedTraffic.files());
        List<Path> halves = InputFeed.split(SharedTraffic.files(), 2, tmp.resolve("parts"));
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small-disk"), 256);
             EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             ChildLauncher monitor = new ChildLauncher(LOGS, disk.path().resolve("monitor"), Ports.free(),
                     ChildRun.onCluster(cluster.bootstrapServers(), registry.url()))) {
            ClusterProbe probe = new ClusterProbe(cluster.bootstrapServers());
            InputFeed feed = new InputFeed(cluster.bootstrapServers(), registry.url());
            ChildRun running = monitor.start("running");
            running.awaitReady(Duration.ofMinutes(2));
            feed.send(List.of(halves.get(0)));
            running.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(2));

            disk.fillAndHold();
            feed.send(List.of(halves.get(1)));
            running.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(2));
            long countedOnFullDisk = running.total();
            running.stop();
            boolean reportedAtStop = running.log().contains(ENOSPC);

            ChildRun onFullDisk = monitor.start("restart-on-full-disk");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(onFullDisk.log().contains(ENOSPC) || onFullDisk.isReady() || !onFullDisk.isAlive())
                            .as("a restart on the full disk either reports ENOSPC, exits or runs; it must not hang").isTrue());
            boolean reportedAtRestart = onFullDisk.log().contains(ENOSPC);
            String healthOnFullDisk = onFullDisk.isAlive() ? onFullDisk.health() : "exited";
            Map<String, Long> deadLettersWhileFull = probe.deadLetters();
            onFullDisk.kill();

            long filledAtFree = disk.filled();
            disk.free();
            long restarted = System.nanoTime();
            ChildRun afterwards = monitor.start("space-back");
            afterwards.awaitReady(Duration.ofMinutes(2));
            afterwards.awaitCaughtUp(probe, feed.writtenUpTo(), Duration.ofMinutes(3));
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
            Map<String, Long> counted = afterwards.counts();
            Map<String, Long> deadLetters = probe.deadLetters();
            String summary = String.format("disk-full: a filler holding %d MiB kept the disk full; counted on the full disk %d of %d; "
                            + "ENOSPC reported at clean stop=%s, at restart on the full disk=%s (health %s); dead letters while full=%d; "
                            + "after space returned: restart to caught up %d ms, %s, dead letters=%d",
                    filledAtFree / (1024 * 1024), countedOnFullDisk, TrafficRecount.total(expected), reportedAtStop, reportedAtRestart,
                    healthOnFullDisk, TrafficRecount.total(deadLettersWhileFull), recovery.toMillis(), CountDiff.of(expected, counted),
                    TrafficRecount.total(deadLetters));
            LOG.info("{}", summary);
            RecoveryReport.appendLine(REPORT, summary);
            afterwards.stop();

            assertThat(reportedAtStop || reportedAtRestart).as("ENOSPC reported in the monitor's log: %s", summary).isTrue();
            assertThat(deadLettersWhileFull.values()).as("nothing dead-lettered for a full disk").containsOnly(0L);
            assertThat(counted).as("counts per version after space returned").isEqualTo(expected);
            assertThat(deadLetters.values()).as("dead letters %s", deadLetters).containsOnly(0L);
        }
    }
}
