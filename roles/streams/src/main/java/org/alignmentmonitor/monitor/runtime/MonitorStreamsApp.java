package org.alignmentmonitor.monitor.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.alignmentmonitor.streams.app.StreamsProperties;
import org.alignmentmonitor.streams.app.StreamsSettings;
import org.alignmentmonitor.streams.ingest.RawSource;
import org.alignmentmonitor.streams.ingest.RawSourceTopology;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.MonitorTopology;
import org.alignmentmonitor.streams.topology.TopologySettings;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the monitor topology in a Kafka Streams client; the same code for the embedded default and a real cluster. */
public final class MonitorStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorStreamsApp.class);

    private final KafkaStreams streams;
    private final StreamsSettings settings;
    private final StatsStores stores;

    private MonitorStreamsApp(KafkaStreams streams, StreamsSettings settings, TopologySettings topologySettings) {
        this.streams = streams;
        this.settings = settings;
        this.stores = new StatsStores(streams, topologySettings.bucketSize(), topologySettings.rates());
    }

    /** The topology built with the client's own configuration, so topology-level settings apply. */
    public static Topology topology(Properties props, MonitorTopics topics, TopologySettings topologySettings) {
        return topology(props, topics, topologySettings, List.of());
    }

    /** With a parse sub-topology per raw source, in the same exactly-once application. */
    public static Topology topology(Properties props, MonitorTopics topics, TopologySettings topologySettings, List<RawSource> sources) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        MonitorTopology.define(builder, topics, topologySettings);
        RawSourceTopology.define(builder, sources, topics.interactions());
        return builder.build(props);
    }

    public static MonitorStreamsApp start(StreamsSettings settings, MonitorTopics topics, TopologySettings topologySettings) {
        return start(settings, topics, topologySettings, List.of());
    }

    public static MonitorStreamsApp start(StreamsSettings settings, MonitorTopics topics, TopologySettings topologySettings,
                                          List<RawSource> sources) {
        Properties props = StreamsProperties.of(settings);
        Topology topology = topology(props, topics, topologySettings, sources);
        LOG.debug("Topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, props);
        // A thread that dies on an unexpected error is replaced: exactly-once makes the retry safe.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Streams state {} -> {}", before, now));
        // No wipe after a crash: under exactly-once, Streams itself finds each store that was open when the
        // process died, treats its task as corrupted and rebuilds only that task from its changelog.
        streams.start();
        return new MonitorStreamsApp(streams, settings, topologySettings);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public StatsStores stores() {
        return stores;
    }

    public StreamsSettings settings() {
        return settings;
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Alive unless the client has failed or stopped; rebalancing counts as alive. */
    public boolean isHealthy() {
        return streams.state().isRunningOrRebalancing() || streams.state() == KafkaStreams.State.CREATED;
    }

    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + " (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Leaves the consumer group on the way out, so a restarted instance gets its partitions at once. */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
