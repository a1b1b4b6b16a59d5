package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ReplaySource;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.alignmentmonitor.schemas.registry.RestSchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes log lines into the interactions topic as {@code monitor replay} does (same parser, same
 * Avro serializer), each line exactly once, and remembers the end offsets it wrote up to.
 */
final class InputFeed {

    private final Map<String, Object> producerSettings;
    private final RestSchemaRegistryClient registry;
    private final String topic = TopicNames.defaults().interactions();
    private final Serializer<Interaction> serializer;
    private final Map<TopicPartition, Long> written = new HashMap<>();

    InputFeed(String bootstrapServers, String registryUrl) {
        this.producerSettings = Map.of("bootstrap.servers", bootstrapServers);
        this.registry = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of(RegistryClientConfig.URL, registryUrl)));
        this.serializer = MonitorSerdes.topics(TopicNames.defaults(), registry).interactions().valueSerde().serializer();
    }

    /** Splits the lines of {@code files} into {@code parts} consecutive log files of near-equal size under {@code dir}. */
    static List<Path> split(List<Path> files, int parts, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(lines::add);
        }
        Files.createDirectories(dir);
        List<Path> chunks = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            Path chunk = dir.resolve(String.format("part-%03d.jsonl", i));
            Files.write(chunk, lines.subList(i * lines.size() / parts, (i + 1) * lines.size() / parts));
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Sends every line of {@code files}, waiting until the broker acknowledged them; returns how many were sent. */
    long send(List<Path> files) throws IOException {
        return send(files, serializer);
    }

    /**
     * Registers the schema of a newer producer: Interaction plus a trailing optional field. Compatible,
     * so the monitor reads it; new, so the monitor has not cached it.
     */
    int registerNewerSchema() {
        Schema current = Interaction.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("region", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "added by a newer producer", Schema.Field.NULL_DEFAULT_VALUE));
        Schema newer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        return registry.register(topic + "-value", newer);
    }

    /** Sends as a producer on the newer schema {@code schemaId} would, with the added field left null; needs no registry. */
    long sendAsNewerWriter(List<Path> files, int schemaId) throws IOException {
        return send(files, (topic, interaction) -> {
            byte[] current = serializer.serialize(topic, interaction);
            byte[] newer = Arrays.copyOf(current, current.length + 1);
            ByteBuffer.wrap(newer).putInt(1, schemaId);
            newer[current.length] = 0;  // union branch 0: the added field is null
            return newer;
        });
    }

    private long send(List<Path> files, Serializer<Interaction> values) throws IOException {
        try (KafkaRecordSink sink = new KafkaRecordSink(new HashMap<>(producerSettings), topic, DeadLetterTopics.of(topic), values)) {
            long sent = new ReplaySource(new OpenAiLogParser(ModelVersionRule.parse("model-string"), OpenAiLogParser.DEFAULT_MAX_LINE_BYTES,
                    Clock.systemUTC())).replay(files, sink).accepted();
            sink.flush();
            sink.lastOffsets().forEach((tp, offset) -> written.merge(tp, offset + 1, Math::max));
            return sent;
        }
    }

    /**
     * Sends every line of {@code files} unparsed, as a gateway would, to the raw source topic {@code rawTopic};
     * waits for the broker's acknowledgements; returns how many were sent.
     */
    long sendRaw(List<Path> files, String rawTopic) throws Exception {
        Map<String, Object> settings = KafkaRecordSink.withDefaults(new HashMap<>(producerSettings));
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        acks.add(producer.send(new ProducerRecord<>(rawTopic, line.getBytes(StandardCharsets.UTF_8))));
                    }
                }
            }
            producer.flush();
        }
        for (Future<RecordMetadata> ack : acks) {
            RecordMetadata written = ack.get();
            this.written.merge(new TopicPartition(written.topic(), written.partition()), written.offset() + 1, Math::max);
        }
        return acks.size();
    }

    /** Per partition, the offset just past the last record sent so far. */
    Map<TopicPartition, Long> writtenUpTo() {
        return Map.copyOf(written);
    }
}
