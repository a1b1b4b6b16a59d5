package org.alignmentmonitor.monitor.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.config.OtlpSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's answers when it cannot take an export now: a real Javalin server in front of a real
 * producer whose broker is unreachable or stopped. Exporters retry 429 and 503 after Retry-After; a
 * wrong bearer token is refused before anything is read.
 */
class OtlpReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "s3cret";
    // The serialized form does not matter here: no broker ever acknowledges it.
    private static final Serializer<Interaction> SERIALIZER = (topic, interaction) -> interaction.getId().getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    @Test
    void shouldAnswer401WhenTheBearerTokenIsWrong() throws Exception {
        try (OtlpReceiver receiver = start(unreachableBroker(1_000), 4, Duration.ofSeconds(1))) {
            HttpResponse<String> wrong = post(receiver, "Bearer not-" + TOKEN, export("b7ad6b7169203331"));
            HttpResponse<String> bare = post(receiver, TOKEN, export("b7ad6b7169203331"));

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(bare.statusCode()).as("the token without the Bearer scheme").isEqualTo(401);
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenMoreExportsArriveThanAllowedAtOnce() throws Exception {
        // A "broker" that accepts connections and never answers: a permitted export waits on it, holding the only permit.
        List<Socket> exporters = new ArrayList<>();
        try (ServerSocket silentBroker = new ServerSocket(0);
             OtlpReceiver receiver = start(producerLimits("127.0.0.1:" + silentBroker.getLocalPort(), 10_000), 1, Duration.ofSeconds(1))) {
            byte[] body = export("b7ad6b7169203331").getBytes(StandardCharsets.UTF_8);
            // Each try: one more export in flight (over a plain socket, not waiting for its answer), then an
            // undecodable probe, answered 400 if it got the permit and 429 if an export holds it.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                exporters.add(sendWithoutWaiting(receiver, body));
                HttpResponse<String> probe = post(receiver, "Bearer " + TOKEN, "{\"resourceSpans\": [");
                assertThat(probe.statusCode()).isEqualTo(429);
                assertThat(probe.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(JSON.readTree(probe.body()).path("message").asText()).contains("too many exports in flight");
            });
        } finally {
            for (Socket exporter : exporters) {
                exporter.close();
            }
        }
    }

    private static Socket sendWithoutWaiting(OtlpReceiver receiver, byte[] body) throws IOException {
        Socket socket = new Socket("127.0.0.1", receiver.port());
        socket.getOutputStream().write(("POST " + OtlpReceiver.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheBootstrapIsUnreachable() throws Exception {
        try (OtlpReceiver receiver = start(unreachableBroker(500), 4, Duration.ofSeconds(5))) {
            HttpResponse<String> response = post(receiver, "Bearer " + TOKEN, export("b7ad6b7169203331"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(response.body()).path("message").asText()).contains("retry later");
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheBrokerStopsAfterStoringAnExport() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("interactions", 1, (short) 1), new NewTopic("interactions-dlq", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            stopBrokerWhileExporting(broker);
        }
    }

    private static void stopBrokerWhileExporting(EmbeddedKafkaBroker broker) throws Exception {
        try (OtlpReceiver receiver = start(producerLimits(broker.bootstrapServers(), 2_000), 4, Duration.ofSeconds(1))) {
            // While the broker is up the export is stored (and the producer learns the topic's leader).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(post(receiver, "Bearer " + TOKEN, export("b7ad6b7169203331")).statusCode()).isEqualTo(200));
            broker.close();

            HttpResponse<String> response = post(receiver, "Bearer " + TOKEN, export("00f067aa0ba902b7"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            // Either the acks do not come within the 1 s ack timeout, or (once the producer has dropped the gone
            // broker's metadata) the send fails after max.block.ms: both are 503, only the message differs.
            assertThat(JSON.readTree(response.body()).path("message").asText())
                    .matches("(the broker did not acknowledge within PT1S|could not store the spans .*); retry later");
        }
    }

    private static OtlpReceiver start(Map<String, Object> client, int maxConcurrent, Duration ackTimeout) {
        OtlpSettings settings = new OtlpSettings(true, "127.0.0.1", 0, TOKEN, 1 << 20, maxConcurrent, ModelVersionRule.defaultRule(), ackTimeout);
        return OtlpReceiver.start(settings, client, "interactions", "interactions-dlq", SERIALIZER, new SimpleMeterRegistry());
    }

    /** A bootstrap address nothing listens on. */
    private static Map<String, Object> unreachableBroker(int maxBlockMs) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return producerLimits("127.0.0.1:" + port, maxBlockMs);
    }

    /** Short producer timeouts, so that unsent records expire and closing the receiver does not wait. */
    private static Map<String, Object> producerLimits(String bootstrap, int maxBlockMs) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", bootstrap);
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        client.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_500);
        client.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return client;
    }

    /** A one-span OTLP/JSON export of a GenAI chat span in the current conventions. */
    private static String export(String spanId) throws Exception {
        Map<String, Object> span = Map.of("traceId", "0af7651916cd43dd8448eb211c80319c", "spanId", spanId, "name", "chat",
                "startTimeUnixNano", "1793000000000000000", "endTimeUnixNano", "1793000001000000000",
                "attributes", new Object[] {
                    attribute("gen_ai.operation.name", "chat"),
                    attribute("gen_ai.request.model", "otlp-test:v1"),
                    attribute("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is 2+2?\"}]}]"),
                    attribute("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"4\"}]}]")});
        return JSON.writeValueAsString(Map.of("resourceSpans", new Object[] {
            Map.of("scopeSpans", new Object[] {Map.of("spans", new Object[] {span})})}));
    }

    private static Map<String, Object> attribute(String key, String value) {
        return Map.of("key", key, "value", Map.of("stringValue", value));
    }

    private static HttpResponse<String> post(OtlpReceiver receiver, String authorization, String body) throws Exception {
        return HTTP.send(request(receiver, authorization, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(OtlpReceiver receiver, String authorization, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + OtlpReceiver.PATH))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
