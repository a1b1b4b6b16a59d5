package org.alignmentmonitor.monitor.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker + controller in one process) for the embedded default and
 * the integration tests. Its log and metadata live under {@code dataDir}, so a restart keeps every
 * topic, offset and transaction.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, KafkaConfig config, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.config = config;
        this.server = server;
    }

    /** Starts a broker whose state lives in {@code dataDir}; port 0 picks a free one. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        try {
            Path logDir = dataDir.resolve("kafka-logs");
            Files.createDirectories(logDir);
            int brokerPort = port > 0 ? port : Ports.free();
            int controllerPort = Ports.free();
            Properties props = brokerProperties(logDir, brokerPort, controllerPort);
            KafkaConfig config = KafkaConfig.fromProps(props);
            format(logDir, clusterId(dataDir));
            return new EmbeddedKafkaBroker(dataDir, brokerPort, config, startServer(config, dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static KafkaRaftServer startServer(KafkaConfig config, Path dataDir) {
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        long started = System.nanoTime();
        server.startup();
        LOG.info("Embedded Kafka broker on {} (data {}) started in {} ms",
                config.get("listeners"), dataDir, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /**
     * Stops the broker and starts it again on the same data and ports, as an operator restarts a
     * broker; {@code downtime} is how long it stays away. Clients see a real outage in between.
     */
    public synchronized void restart(Duration downtime) throws InterruptedException {
        stopServer();
        Thread.sleep(downtime.toMillis());
        server = startServer(config, dataDir);
    }

    private void stopServer() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a kill, the restarted controller still counts the dead broker's session as live and refuses the
        // new incarnation's registration until it expires (9 s by default). Broker and controller share one
        // JVM here, so a short session costs nothing; heartbeats stay six to a session.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("auto.create.topics.enable", "false");
        // Replays carry old event times; records are stamped on ingest, but keep a week of log anyway.
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    private static void format(Path logDir, String clusterId) throws Exception {
        new Formatter()
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .setClusterId(clusterId)
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setDirectories(List.of(logDir.toString()))
                .run();
    }

    /** The cluster id is created once and kept, so the formatted log directory stays valid across restarts. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        LOG.info("Stopping embedded Kafka broker");
        stopServer();
    }
}
