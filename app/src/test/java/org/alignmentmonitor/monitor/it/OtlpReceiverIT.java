package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ParseResult;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTLP path on the real broker: spans made and exported by the real OpenTelemetry SDK (OTLP/HTTP,
 * protobuf, gzip) count exactly like a file replay of the same log, even when every span is exported
 * twice; malformed exports get 4xx or a dead letter with the reason while the good spans count.
 */
class OtlpReceiverIT {

    private static final String TOKEN = "otlp-it-secret";
    private static final String LOG = "alpaca-7b.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static MonitorRuntime runtime;
    static PipelineDriver pipeline;
    static String endpoint;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0",
                "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms",
                "monitor.otlp.enabled", "true", "monitor.otlp.port", "0", "monitor.otlp.token", TOKEN,
                "monitor.otlp.max.body.bytes", Integer.toString(1 << 20));
        runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                .startProcessing(ClassifierSuite.defaults());
        pipeline = new PipelineDriver(runtime);
        endpoint = "http://127.0.0.1:" + runtime.otlp().orElseThrow().port() + "/v1/traces";
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void shouldCountEverySpanOnceWhenTheSdkExportsTheLogTwice() throws Exception {
        List<Interaction> log = interactionsOf(SharedTraffic.dir().resolve(LOG));
        assertThat(log).hasSize(SharedTraffic.LINES_PER_FILE);
        List<SpanData> spans = spansOf(log);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint).addHeader("Authorization", "Bearer " + TOKEN).setCompression("gzip").build();
        try {
            for (int round = 0; round < 2; round++) {
                for (int from = 0; from < spans.size(); from += 200) {
                    CompletableResultCode result = exporter.export(spans.subList(from, Math.min(spans.size(), from + 200)));
                    assertThat(result.join(30, TimeUnit.SECONDS).isSuccess()).as("export round %d from %d", round, from).isTrue();
                }
            }
        } finally {
            exporter.shutdown().join(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(pipeline.interactionsPerVersion()).containsEntry("alpaca:7b", (long) SharedTraffic.LINES_PER_FILE));
        assertThat(pipeline.interactionsPerVersion().get("alpaca:7b")).isEqualTo(SharedTraffic.LINES_PER_FILE);
        String metrics = pipeline.http.getText("/metrics");
        assertThat(metrics).contains("alignment_monitor_otlp_spans_total{outcome=\"ignored\"} " + (2.0 * SharedTraffic.LINES_PER_FILE));
    }

    @Test
    void shouldAnswerEachKindOfBadExportWithItsStatusAndKeepTheGoodSpans() throws Exception {
        String good = jsonSpan("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "otlp-json:v1");
        String noModel = jsonSpan("0af7651916cd43dd8448eb211c80319c", "00f067aa0ba902b7", null);
        String body = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + good + ", " + noModel + "]}]}]}";

        assertThat(post("application/x-protobuf", null, new byte[] {0x0a, 0x7f, 0x01}, TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> badJson = post("application/json", null, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8), TOKEN);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badJson.body()).path("message").asText()).startsWith("not JSON");
        assertThat(post("text/plain", null, body.getBytes(StandardCharsets.UTF_8), TOKEN).statusCode()).isEqualTo(415);
        assertThat(post("application/json", null, body.getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(401);
        assertThat(post("application/json", null, new byte[(1 << 20) + 1], TOKEN).statusCode()).isEqualTo(413);
        assertThat(post("application/json", "gzip", "not gzip".getBytes(StandardCharsets.UTF_8), TOKEN).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> partial = post("application/json", "gzip", gzip(body.getBytes(StandardCharsets.UTF_8)), TOKEN);
        assertThat(partial.statusCode()).isEqualTo(200);
        JsonNode partialSuccess = JSON.readTree(partial.body()).path("partialSuccess");
        assertThat(partialSuccess.path("rejectedSpans").asText()).isEqualTo("1");
        assertThat(partialSuccess.path("errorMessage").asText()).contains("missing gen_ai.request.model");

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(pipeline.interactionsPerVersion()).containsEntry("otlp-json:v1", 1L));
        assertThat(deadLetterReasons()).anySatisfy(reason -> assertThat(reason).contains("missing gen_ai.request.model"));
        assertThat(pipeline.http.get("/ready").status()).isEqualTo(200);
    }

    /** The log as the file replay reads it, so both paths start from the same Interactions. */
    private static List<Interaction> interactionsOf(Path file) throws Exception {
        OpenAiLogParser parser = new OpenAiLogParser(ModelVersionRule.defaultRule(), OpenAiLogParser.DEFAULT_MAX_LINE_BYTES, Clock.systemUTC());
        List<Interaction> interactions = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            ParseResult result = parser.parse(new LogLine(LOG, i + 1, lines.get(i)));
            interactions.add(((ParseResult.Accepted) result).interaction());
        }
        return interactions;
    }

    /** One trace per interaction: an HTTP server span (ignored) around a GenAI chat span. */
    private static List<SpanData> spansOf(List<Interaction> log) throws Exception {
        List<SpanData> finished = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "otlp-it"))))
                .addSpanProcessor(new Collect(finished))
                .build();
        Tracer tracer = provider.get("otlp-it");
        for (Interaction interaction : log) {
            long end = interaction.getEventTime().toEpochMilli();
            Span server = tracer.spanBuilder("POST /chat").setSpanKind(SpanKind.SERVER).setNoParent()
                    .setStartTimestamp(end - 2000, TimeUnit.MILLISECONDS).startSpan();
            try (Scope ignored = server.makeCurrent()) {
                Span chat = tracer.spanBuilder("chat " + interaction.getModel()).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                        .setStartTimestamp(end - 1000, TimeUnit.MILLISECONDS)
                        .setAttribute("gen_ai.operation.name", "chat")
                        .setAttribute("gen_ai.provider.name", "openai")
                        .setAttribute("gen_ai.request.model", interaction.getModel() + ":" + interaction.getVersion())
                        .setAttribute("gen_ai.input.messages", inputMessages(interaction.getConversation()))
                        .setAttribute("gen_ai.output.messages", outputMessages(interaction))
                        .startSpan();
                chat.end(end, TimeUnit.MILLISECONDS);
            }
            server.end(end, TimeUnit.MILLISECONDS);
        }
        provider.shutdown().join(10, TimeUnit.SECONDS);
        return finished;
    }

    private static String inputMessages(List<Message> conversation) throws Exception {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Message m : conversation) {
            messages.add(Map.of("role", m.getRole(), "parts", List.of(Map.of("type", "text", "content", m.getContent()))));
        }
        return JSON.writeValueAsString(messages);
    }

    private static String outputMessages(Interaction interaction) throws Exception {
        Map<String, Object> answer = new HashMap<>();
        answer.put("role", "assistant");
        answer.put("parts", List.of(Map.of("type", "text", "content", interaction.getCompletion())));
        answer.put("finish_reason", interaction.getFinishReason() == null ? "stop" : interaction.getFinishReason());
        return JSON.writeValueAsString(List.of(answer));
    }

    private static String jsonSpan(String traceId, String spanId, String model) throws Exception {
        List<Map<String, Object>> attributes = new ArrayList<>();
        if (model != null) {
            attributes.add(Map.of("key", "gen_ai.request.model", "value", Map.of("stringValue", model)));
        }
        attributes.add(Map.of("key", "gen_ai.operation.name", "value", Map.of("stringValue", "chat")));
        attributes.add(Map.of("key", "gen_ai.input.messages", "value", Map.of("stringValue",
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is 2+2?\"}]}]")));
        attributes.add(Map.of("key", "gen_ai.output.messages", "value", Map.of("stringValue",
                "[{\"role\":\"assistant\",\"finish_reason\":\"stop\",\"parts\":[{\"type\":\"text\",\"content\":\"4\"}]}]")));
        return JSON.writeValueAsString(Map.of("traceId", traceId, "spanId", spanId, "name", "chat", "kind", 3,
                "startTimeUnixNano", "1793000000000000000", "endTimeUnixNano", "1793000001000000000", "attributes", attributes));
    }

    private static HttpResponse<byte[]> post(String contentType, String encoding, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static List<String> deadLetterReasons() {
        return DeadLetterCounter.reasons(runtime.clientConfig(), DeadLetterTopics.of(runtime.config().topics().interactions()));
    }

    /** Keeps every ended span, so the same spans can be exported twice, as a retrying exporter would. */
    private record Collect(List<SpanData> finished) implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            finished.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
