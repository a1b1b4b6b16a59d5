package org.alignmentmonitor.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.monitor.otlp.OtlpReceiver;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * OTLP/HTTP ingest rate: one client posting protobuf exports of GenAI spans (from the real traffic
 * sample, fresh ids) to the receiver, each answered after the broker acknowledged it; then the raw
 * consume rate of the same topic, for comparison. The monitor's topology is not started.
 */
@Command(name = "otlp-ingest-benchmark", mixinStandardHelpOptions = true)
public final class OtlpIngestBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--traffic", required = true, description = "Folder of OpenAI chat JSONL logs (testdata/traffic).")
    Path traffic;

    @Option(names = "--spans", defaultValue = "50000", description = "GenAI spans to send.")
    int spans;

    @Option(names = "--batch", defaultValue = "200", description = "Spans per export.")
    int batch;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new OtlpIngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Interaction> sample = RealTraffic.load(traffic);
        List<byte[]> exports = exports(sample);
        Path dataDir = Files.createTempDirectory("am-otlp-bench");
        Map<String, String> settings = Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0");
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
             OtlpReceiver receiver = OtlpReceiver.start(runtime.config().otlp().withPort(0), runtime.clientConfig(),
                     runtime.config().topics().interactions(), DeadLetterTopics.of(runtime.config().topics().interactions()),
                     runtime.topics().interactions().valueSerde().serializer(), new SimpleMeterRegistry())) {
            HttpClient http = HttpClient.newHttpClient();
            URI endpoint = URI.create("http://127.0.0.1:" + receiver.port() + OtlpReceiver.PATH);
            long start = System.nanoTime();
            for (byte[] export : exports) {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(export)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("export answered " + response.statusCode());
                }
            }
            double otlpRate = spans / ((System.nanoTime() - start) / 1e9);
            double rawRate = EndToEndBenchmark.rawConsume(runtime, runtime.config().topics().interactions(), spans);
            long bytes = exports.stream().mapToLong(e -> e.length).sum();
            System.out.printf("spans=%d batch=%d export-bytes=%d (one client, protobuf, no gzip)%n", spans, batch, bytes);
            System.out.printf("OTLP/HTTP ingest, acked (acks=all): %,10.0f spans/s%n", otlpRate);
            System.out.printf("raw consume of the interactions topic: %,10.0f records/s (ratio %.2f)%n", rawRate, otlpRate / rawRate);
        }
        return 0;
    }

    private List<byte[]> exports(List<Interaction> sample) throws Exception {
        List<byte[]> exports = new ArrayList<>();
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(span(sample.get(i % sample.size()), i));
            if (scope.getSpansCount() == batch || i == spans - 1) {
                exports.add(ExportTraceServiceRequest.newBuilder()
                        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray());
                scope = ScopeSpans.newBuilder();
            }
        }
        return exports;
    }

    private static Span span(Interaction interaction, int i) throws Exception {
        List<Map<String, Object>> input = new ArrayList<>();
        for (Message m : interaction.getConversation()) {
            input.add(Map.of("role", m.getRole(), "parts", List.of(Map.of("type", "text", "content", m.getContent()))));
        }
        Map<String, Object> answer = new HashMap<>(Map.of("role", "assistant",
                "parts", List.of(Map.of("type", "text", "content", interaction.getCompletion()))));
        long end = interaction.getEventTime().toEpochMilli() * 1_000_000L;
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x5eed).putLong(i).array()))
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1L).array()))
                .setName("chat").setStartTimeUnixNano(end - 1_000_000_000L).setEndTimeUnixNano(end)
                .addAttributes(attr("gen_ai.operation.name", "chat"))
                .addAttributes(attr("gen_ai.request.model", interaction.getModel() + ":" + interaction.getVersion()))
                .addAttributes(attr("gen_ai.input.messages", JSON.writeValueAsString(input)))
                .addAttributes(attr("gen_ai.output.messages", JSON.writeValueAsString(List.of(answer))))
                .build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
