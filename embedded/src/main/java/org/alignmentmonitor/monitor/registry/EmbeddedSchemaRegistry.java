package org.alignmentmonitor.monitor.registry;

import java.util.Objects;
import java.util.Optional;

import io.javalin.Javalin;
import org.alignmentmonitor.monitor.registry.RegistryHttpApi.BasicAuth;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.SchemaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry inside the monitor's JVM for the single-node default: serves the Confluent REST
 * subset the serdes (and Confluent's own clients) use, enforces BACKWARD compatibility unless told
 * otherwise, and keeps its state in a compacted Kafka topic so ids survive restarts.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
 *     String url = registry.url();   // schema.registry.url for clients
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "_alignment_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final Javalin server;
    private final KafkaSchemaLog log;
    private final String host;

    private EmbeddedSchemaRegistry(Javalin server, KafkaSchemaLog log, String host) {
        this.server = server;
        this.log = log;
        this.host = host;
    }

    /** Starts a registry on {@code port} of 127.0.0.1 (0 picks a free one), with its state in {@value #DEFAULT_TOPIC}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return new Builder().start(bootstrapServers, port);
    }

    /** A registry that answers 401 unless requests carry these basic-auth credentials. */
    public static Builder withBasicAuth(String user, String password) {
        return new Builder().withBasicAuth(user, password);
    }

    /** A registry keeping its state in {@code topic} instead of {@value #DEFAULT_TOPIC}. */
    public static Builder withTopic(String topic) {
        return new Builder().withTopic(topic);
    }

    /** Optional settings; {@link #start} applies them. */
    public static final class Builder {
        private String topic = DEFAULT_TOPIC;
        private Optional<BasicAuth> auth = Optional.empty();
        private String host = "127.0.0.1";

        private Builder() {
        }

        public Builder withBasicAuth(String user, String password) {
            if (user == null || user.isEmpty() || user.contains(":") || password == null) {
                throw new IllegalArgumentException("basic auth needs a non-empty user without ':' and a password");
            }
            this.auth = Optional.of(new BasicAuth(user, password));
            return this;
        }

        public Builder withTopic(String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("the schema topic name must not be empty");
            }
            this.topic = topic;
            return this;
        }

        /** Interface to listen on; 127.0.0.1 by default, since the embedded default is a local setup. */
        public Builder withHost(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Reads the topic to its end, then starts serving on {@code port} (0 = a free port). */
        public EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
            }
            long started = System.nanoTime();
            KafkaSchemaLog log = KafkaSchemaLog.open(bootstrapServers, topic);
            try {
                SchemaRepository repository = new SchemaRepository(CompatibilityLevel.BACKWARD, log);
                log.replayInto(repository);
                Javalin server = new RegistryHttpApi(repository, auth).create().start(host, port);
                EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, log, host);
                LOG.info("Embedded schema registry at {} (topic {}, {}) started in {} ms", registry.url(), topic,
                        auth.isPresent() ? "basic auth" : "no auth", (System.nanoTime() - started) / 1_000_000);
                return registry;
            } catch (RuntimeException e) {
                log.close();
                throw e;
            }
        }
    }

    /** The value for {@code schema.registry.url}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        LOG.info("Stopping embedded schema registry at {}", url());
        server.stop();
        log.close();
    }
}
