package org.alignmentmonitor.monitor.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.alignmentmonitor.monitor.registry.SchemaLogCodec.ConfigEntry;
import org.alignmentmonitor.monitor.registry.SchemaLogCodec.Entry;
import org.alignmentmonitor.monitor.registry.SchemaLogCodec.SchemaEntry;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.RegisteredSchema;
import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.alignmentmonitor.schemas.registry.SchemaRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable state: a compacted, single-partition Kafka topic holding every registration
 * and compatibility setting. Ids must survive restarts because stored records refer to them, so a
 * change is acknowledged by all in-sync replicas before the registry answers.
 *
 * <p>One registry process writes a topic at a time; two would race on ids.
 */
final class KafkaSchemaLog implements SchemaRepository.Journal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final int DELIVERY_TIMEOUT_MS = 30_000;

    private final String bootstrapServers;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private SchemaRepository repository;
    /** Offset after the last record applied to {@link #repository}; guarded by the repository's write lock. */
    private long nextOffset;

    private KafkaSchemaLog(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates the topic if missing (compacted, one partition) and checks an existing one is usable. */
    static KafkaSchemaLog open(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ensureTopic(admin, topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot prepare schema topic " + topic + " on " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing schema topic " + topic, e);
        }
        return new KafkaSchemaLog(bootstrapServers, topic);
    }

    private static void ensureTopic(Admin admin, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
        NewTopic spec = new NewTopic(topic, Optional.of(1), Optional.of((short) Math.min(3, brokers)))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(spec)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Created schema topic {} (compacted, 1 partition)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        TopicDescription description = whenKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic));
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("schema topic " + topic + " has " + description.partitions().size()
                    + " partitions; it needs exactly 1 so that registrations stay ordered");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = whenKnown(() -> admin.describeConfigs(List.of(resource)).all()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(resource));
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
            throw new IllegalStateException("schema topic " + topic + " has cleanup.policy=" + policy
                    + ": it must be 'compact', or old schemas (and the ids records refer to) would be deleted");
        }
    }

    /**
     * A topic created a moment ago may still be unknown to the broker that answers ("This server
     * does not host this topic-partition"): ask again until it is known, within the admin timeout.
     */
    private static <T> T whenKnown(AdminCall<T> call) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T get() throws ExecutionException, InterruptedException, TimeoutException;
    }

    /** Reads the whole topic into {@code target}, which then receives every later change through this journal. */
    void replayInto(SchemaRepository target) {
        this.repository = target;
        this.nextOffset = 0;
        int applied = catchUp();
        LOG.info("Schema registry state rebuilt from {}: {} records, {} subjects", partition.topic(), applied, target.subjects().size());
    }

    @Override
    public void schemaRegistered(RegisteredSchema schema) {
        write(new SchemaEntry(schema));
    }

    @Override
    public void compatibilityChanged(Optional<String> subject, CompatibilityLevel level) {
        write(new ConfigEntry(subject, level));
    }

    private void write(Entry entry) {
        try {
            long offset = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                    SchemaLogCodec.key(entry), SchemaLogCodec.value(entry))).get(2L * DELIVERY_TIMEOUT_MS, TimeUnit.MILLISECONDS).offset();
            nextOffset = offset + 1;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            // The write may have landed although it failed here: read it back so that no id is handed out twice.
            catchUpQuietly();
            throw new SchemaRegistryException(500, SchemaRegistryException.BACKEND_STORE_ERROR,
                    "cannot store the change in Kafka topic " + partition.topic() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.BACKEND_STORE_ERROR, "interrupted while storing the change", e);
        }
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.warn("Cannot re-read schema topic {} after a failed write: {}", partition.topic(), e.toString());
        }
    }

    /** Applies every record from {@link #nextOffset} to the end of the topic; returns how many. */
    private int catchUp() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + partition.topic(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Set.of(partition));
            consumer.seek(partition, nextOffset);
            long end = consumer.endOffsets(Set.of(partition), READ_TIMEOUT).get(partition);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            int applied = 0;
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("schema topic " + partition.topic() + " not read to offset " + end + " within " + READ_TIMEOUT);
                }
                applied += apply(consumer.poll(Duration.ofMillis(500)).records(partition));
            }
            return applied;
        }
    }

    private int apply(Collection<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Entry entry;
            try {
                entry = SchemaLogCodec.decode(record.key(), record.value());
            } catch (RuntimeException e) {
                // Skipping a record could hand its id out again: refuse to run on a log we do not understand.
                throw new IllegalStateException("unreadable record at offset " + record.offset() + " of schema topic "
                        + partition.topic() + ": " + e.getMessage(), e);
            }
            if (entry instanceof SchemaEntry s) {
                repository.restore(s.schema());
            } else if (entry instanceof ConfigEntry c) {
                repository.restoreCompatibility(c.subject(), c.level());
            }
            nextOffset = record.offset() + 1;
        }
        return records.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
