package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.MonitorTopicSpecs;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker stops mid-stream and comes back on the same data and port, while a monitor is
 * counting the real traffic: the monitor's own embedded broker, and a broker of a cluster the
 * monitor did not start. The monitor must recover by itself and count every interaction once.
 */
class BrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final Duration DOWNTIME = Duration.ofSeconds(5);
    private static final Path REPORT = Path.of("target", "reliability", "broker-restart.txt");

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryInteractionOnceWhenTheMonitorsOwnBrokerRestartsMidStream() throws Exception {
        Map<String, String> settings = new HashMap<>(testTimings());
        settings.put("monitor.data.dir", tmp.resolve("monitor").toString());
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                .startProcessing(ClassifierSuite.defaults())) {
            EmbeddedKafkaBroker broker = runtime.embeddedBroker().orElseThrow();
            assertRecoversFromRestart("embedded broker", runtime, broker);
        }
    }

    @Test
    void shouldCountEveryInteractionOnceWhenTheExternalClusterBrokerRestartsMidStream() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0)) {
            Map<String, String> settings = new HashMap<>(testTimings());
            settings.put("bootstrap.servers", cluster.bootstrapServers());
            settings.put("schema.registry.url", registry.url());
            settings.put("monitor.data.dir", tmp.resolve("monitor").toString());
            try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                    .startProcessing(ClassifierSuite.defaults())) {
                assertRecoversFromRestart("external cluster broker", runtime, cluster);
            }
        }
    }

    private static Map<String, String> testTimings() {
        return Map.of("monitor.http.port", "0", "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms");
    }

    private static void assertRecoversFromRestart(String which, MonitorRuntime runtime, EmbeddedKafkaBroker broker) throws Exception {
        Map<String, Long> expected = TrafficRecount.perVersion(SharedTraffic.files());
        long input = TrafficRecount.total(expected);
        PipelineDriver pipeline = new PipelineDriver(runtime);
        InputFeed feed = new InputFeed(runtime.config().kafka().get("bootstrap.servers"),
                runtime.config().registry().get("schema.registry.url"));
        feed.send(SharedTraffic.files());
        // Mid-stream: some of the input counted, not all of it.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(TrafficRecount.total(pipeline.interactionsPerVersion())).isGreaterThanOrEqualTo(input / 4));
        long countedAtStop = TrafficRecount.total(pipeline.interactionsPerVersion());

        broker.restart(DOWNTIME);
        long back = System.nanoTime();
        runtime.catchUp().await(feed.writtenUpTo(), Duration.ofMinutes(3));
        Duration recovery = Duration.ofNanos(System.nanoTime() - back);

        Map<String, Long> counted = pipeline.interactionsPerVersion();
        Map<String, Long> deadLetters = deadLetters(runtime);
        String summary = String.format("broker-restart (%s): counted %d of %d at stop, down %d ms, caught up %d ms after the broker was back; %s",
                which, countedAtStop, input, DOWNTIME.toMillis(), recovery.toMillis(), CountDiff.of(expected, counted));
        LOG.info("{}", summary);
        RecoveryReport.appendLine(REPORT, summary);
        assertThat(counted).as("counts per version after the %s restarted", which).isEqualTo(expected);
        assertThat(deadLetters.values()).as("dead letters %s", deadLetters).containsOnly(0L);
    }

    private static Map<String, Long> deadLetters(MonitorRuntime runtime) {
        List<String> topics = MonitorTopicSpecs.deadLetterSources(runtime.config().topics(), runtime.config().applicationId()).stream()
                .map(DeadLetterTopics::of).toList();
        return DeadLetterCounter.count(runtime.clientConfig(), topics);
    }
}
