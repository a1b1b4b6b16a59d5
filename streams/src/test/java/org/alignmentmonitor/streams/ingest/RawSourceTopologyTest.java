package org.alignmentmonitor.streams.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.alignmentmonitor.streams.app.StreamsProperties;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RawSourceTopologyTest {

    private static final String CHAT = """
            {"request": {"model": "alpaca:7b", "messages": [{"role": "user", "content": "Name a prime."}]},
             "response": {"id": "chatcmpl-1", "created": 1793000000, "choices": [{"message": {"role": "assistant", "content": "7."}, "finish_reason": "stop"}]}}
            """;
    private static final String ANTHROPIC = """
            {"timestamp": 1793000000, "request": {"model": "claude-x-20250101", "messages": [{"role": "user", "content": "Hi"}]},
             "response": {"id": "msg_1", "content": [{"type": "text", "text": "Hello."}], "stop_reason": "end_turn"}}
            """;

    private final MonitorTopics topics = MonitorSerdes.topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> gateway;
    private final TestInputTopic<byte[], byte[]> claude;
    private final TestOutputTopic<String, Interaction> interactions;
    private final TestOutputTopic<byte[], byte[]> gatewayDeadLetters;
    private final TestInputTopic<byte[], byte[]> traces;
    private final TestOutputTopic<byte[], byte[]> traceDeadLetters;

    RawSourceTopologyTest() {
        ParserSettings settings = new ParserSettings(ModelVersionRule.defaultRule(), 2048,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<RawSource> sources = List.of(
                new RawSource("gateway", "gateway-logs", Parsers.of(LogFormat.OPENAI_CHAT, settings)),
                new RawSource("claude", "claude-logs", Parsers.of(LogFormat.ANTHROPIC_MESSAGES,
                        settings.withVersionRule(ModelVersionRule.parse("regex:(?<model>.+)-(?<version>\\d{8})")))),
                new RawSource("traces", "llm-traces", Parsers.of(LogFormat.OTLP_PROTO, settings)));
        StreamsBuilder builder = new StreamsBuilder();
        RawSourceTopology.define(builder, sources, topics.interactions());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "raw-source-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsProperties.errorHandling(props);
        driver = new TopologyTestDriver(builder.build(), props);
        gateway = driver.createInputTopic("gateway-logs", new ByteArraySerializer(), new ByteArraySerializer());
        claude = driver.createInputTopic("claude-logs", new ByteArraySerializer(), new ByteArraySerializer());
        interactions = driver.createOutputTopic(topics.interactions().name(), new StringDeserializer(),
                topics.interactions().valueSerde().deserializer());
        gatewayDeadLetters = driver.createOutputTopic("gateway-logs-dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        traces = driver.createInputTopic("llm-traces", new ByteArraySerializer(), new ByteArraySerializer());
        traceDeadLetters = driver.createOutputTopic("llm-traces-dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteInteractionsKeyedByIdWhenEachSourceReadsItsOwnFormat() {
        gateway.pipeInput(CHAT.getBytes(UTF_8));
        claude.pipeInput(ANTHROPIC.getBytes(UTF_8));

        List<TestRecord<String, Interaction>> out = interactions.readRecordsToList();

        assertThat(out).extracting(TestRecord::key).containsExactly("chatcmpl-1", "msg_1");
        assertThat(out.get(0).value().getVersion()).isEqualTo("7b");
        assertThat(out.get(0).value().getMetadata()).containsEntry("source", "gateway-logs-0@0");
        assertThat(out.get(1).value().getModel()).isEqualTo("claude-x");
        assertThat(out.get(1).value().getVersion()).isEqualTo("20250101");
        assertThat(gatewayDeadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldGiveTheSameKeyWhenTheSameRecordArrivesTwice() {
        String noId = CHAT.replace("\"id\": \"chatcmpl-1\", ", "");
        gateway.pipeInput(noId.getBytes(UTF_8));
        gateway.pipeInput(noId.getBytes(UTF_8));

        List<String> keys = keys();

        assertThat(keys).hasSize(2).allMatch(k -> k.startsWith("sha256:"));
        assertThat(keys.get(0)).isEqualTo(keys.get(1));
    }

    @Test
    void shouldSendTheOriginalBytesWithTheReasonToTheTopicsDeadLetterTopicWhenARecordIsMalformed() {
        byte[] bad = "{\"request\": {\"model\": \"m:1\"}, \"response\": {}}".getBytes(UTF_8);
        gateway.pipeInput("k".getBytes(UTF_8), bad);
        gateway.pipeInput(null, "x".repeat(3000).getBytes(UTF_8));
        gateway.pipeInput((byte[]) null, (byte[]) null);
        gateway.pipeInput(CHAT.getBytes(UTF_8));

        List<TestRecord<byte[], byte[]>> dead = gatewayDeadLetters.readRecordsToList();

        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).value()).isEqualTo(bad);
        assertThat(dead.get(0).key()).isEqualTo("k".getBytes(UTF_8));
        assertThat(header(dead.get(0).headers(), DeadLetterRecords.REASON)).isEqualTo("missing request.messages");
        assertThat(header(dead.get(0).headers(), DeadLetterRecords.STAGE)).isEqualTo(RawSourceTopology.STAGE);
        assertThat(header(dead.get(0).headers(), DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("gateway-logs");
        assertThat(header(dead.get(0).headers(), DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead.get(1).headers(), DeadLetterRecords.REASON)).isEqualTo("record larger than 2048 bytes");
        assertThat(header(dead.get(2).headers(), DeadLetterRecords.REASON)).isEqualTo("empty record");
        assertThat(keys()).containsExactly("chatcmpl-1");
    }

    @Test
    void shouldReadOtlpProtobufRecordsAsTheCollectorsKafkaExporterWritesThemWhenTheSourceFormatIsOtlpProto() {
        // One record = one export: a GenAI chat span, an HTTP span around it, and a GenAI span without its model.
        byte[] export = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "chat-gateway")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(genAiSpan(1, "gpt-4o:2024-08-06"))
                        .addSpans(span(2, "GET /chat").addAttributes(attribute("http.request.method", "GET")))
                        .addSpans(genAiSpan(3, null))))
                .build().toByteArray();
        byte[] notProtobuf = {0x0a, 0x7f, 0x01};

        traces.pipeInput(export);
        traces.pipeInput(notProtobuf);

        List<TestRecord<String, Interaction>> written = interactions.readRecordsToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("otel:" + "0af7651916cd43dd8448eb211c80319c" + ":" + "0000000000000001");
        assertThat(written.get(0).value().getModel()).isEqualTo("gpt-4o");
        assertThat(written.get(0).value().getVersion()).isEqualTo("2024-08-06");
        assertThat(written.get(0).value().getCompletion()).isEqualTo("4");
        List<TestRecord<byte[], byte[]>> dead = traceDeadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0).headers(), DeadLetterRecords.REASON)).contains("missing gen_ai.request.model");
        assertThat(dead.get(0).value()).isEqualTo(export);
        assertThat(header(dead.get(1).headers(), DeadLetterRecords.REASON)).startsWith("not an OTLP protobuf ExportTraceServiceRequest");
        assertThat(header(dead.get(1).headers(), DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(dead.get(1).value()).isEqualTo(notProtobuf);
    }

    private static Span genAiSpan(int id, String model) {
        Span.Builder span = span(id, "chat")
                .addAttributes(attribute("gen_ai.operation.name", "chat"))
                .addAttributes(attribute("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"2+2?\"}]}]"))
                .addAttributes(attribute("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"4\"}]}]"));
        return (model == null ? span : span.addAttributes(attribute("gen_ai.request.model", model))).build();
    }

    private static Span.Builder span(int id, String name) {
        return Span.newBuilder().setName(name)
                .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
                .setStartTimeUnixNano(1_793_000_000_000_000_000L).setEndTimeUnixNano(1_793_000_001_000_000_000L);
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private List<String> keys() {
        return interactions.readRecordsToList().stream().map(TestRecord::key).toList();
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), UTF_8);
    }
}
