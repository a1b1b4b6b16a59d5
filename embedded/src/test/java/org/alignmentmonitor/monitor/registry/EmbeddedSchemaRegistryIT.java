package org.alignmentmonitor.monitor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.ConfluentAvroSerde;
import org.alignmentmonitor.schemas.registry.RegisteredSchema;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.alignmentmonitor.schemas.registry.RestSchemaRegistryClient;
import org.alignmentmonitor.schemas.registry.SchemaRegistryClient;
import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedSchemaRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Schema USER_V1 = record("{\"name\":\"name\",\"type\":\"string\"}");
    private static final Schema USER_V2 = record("{\"name\":\"name\",\"type\":\"string\"}", "{\"name\":\"age\",\"type\":\"int\",\"default\":0}");
    private static final Schema USER_NO_DEFAULT = record("{\"name\":\"name\",\"type\":\"string\"}", "{\"name\":\"email\",\"type\":\"string\"}");

    @TempDir
    static Path brokerDir;
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startBrokerAndRegistry() {
        broker = EmbeddedKafkaBroker.start(brokerDir, 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldRegisterFetchAndCheckCompatibilityThroughTheRestClient() {
        SchemaRegistryClient client = client(registry.url());

        int v1 = client.register("users-value", USER_V1);
        assertThat(client.register("users-value", USER_V1)).isEqualTo(v1);
        assertThat(client(registry.url()).register("users-value", USER_V1)).as("fresh client, no cache").isEqualTo(v1);
        assertThat(client(registry.url()).getById(v1)).isEqualTo(USER_V1);
        assertThat(client.isCompatible("users-value", USER_V2)).isTrue();
        assertThat(client.isCompatible("users-value", USER_NO_DEFAULT)).isFalse();
        assertThat(client.isCompatible("nobody-value", USER_NO_DEFAULT)).isTrue();

        int v2 = client.register("users-value", USER_V2);

        assertThat(v2).isGreaterThan(v1);
        assertThat(client.versions("users-value")).containsExactly(1, 2);
        assertThat(client.latest("users-value")).isEqualTo(new RegisteredSchema("users-value", 2, v2, USER_V2));
        assertThat(client.subjects()).contains("users-value");
    }

    @Test
    void shouldCarryRecordsThroughTheSerdesWithIdsFromTheRegistry() {
        ConfluentAvroSerde<Interaction> writer = AvroSerdes.specific(Interaction.class, client(registry.url()), false);
        ConfluentAvroSerde<Interaction> reader = AvroSerdes.specific(Interaction.class, client(registry.url()), false);
        Interaction interaction = Interaction.newBuilder().setId("i-1").setEventTime(Instant.parse("2026-11-01T00:00:00Z"))
                .setModel("m").setVersion("v")
                // Set explicitly: Avro 1.12's generated builder cannot instantiate record-typed defaults of untrusted packages.
                .setConversation(List.of()).build();

        byte[] bytes = writer.serializer().serialize("serde-it", interaction);

        assertThat(reader.deserializer().deserialize("serde-it", bytes)).isEqualTo(interaction);
        assertThat(client(registry.url()).latest("serde-it-value").schema()).isEqualTo(Interaction.getClassSchema());
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWith409() throws Exception {
        client(registry.url()).register("strict-value", USER_V1);

        HttpResponse<String> response = send("POST", "/subjects/strict-value/versions", schemaBody(USER_NO_DEFAULT));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(409);
        assertThat(error.get("message").asText()).contains("incompatible", "READER_FIELD_MISSING_DEFAULT_VALUE", "email");
        assertThatThrownBy(() -> client(registry.url()).register("strict-value", USER_NO_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void shouldServeConfigLookupAndVersionEndpoints() throws Exception {
        int id = client(registry.url()).register("lenient-value", USER_V1);

        assertThat(json(send("GET", "/config", null)).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(json(send("PUT", "/config/lenient-value", "{\"compatibility\":\"none\"}")).get("compatibility").asText()).isEqualTo("NONE");
        assertThat(json(send("GET", "/config/lenient-value", null)).get("compatibilityLevel").asText()).isEqualTo("NONE");
        JsonNode verbose = json(send("POST", "/compatibility/subjects/lenient-value/versions/latest?verbose=true", schemaBody(USER_NO_DEFAULT)));
        assertThat(verbose.get("is_compatible").asBoolean()).isTrue();
        assertThat(client(registry.url()).register("lenient-value", USER_NO_DEFAULT)).isGreaterThan(id);

        JsonNode lookup = json(send("POST", "/subjects/lenient-value", schemaBody(USER_V1)));
        assertThat(lookup.get("version").asInt()).isEqualTo(1);
        assertThat(lookup.get("id").asInt()).isEqualTo(id);
        assertThat(json(send("GET", "/subjects/lenient-value/versions/1", null)).get("id").asInt()).isEqualTo(id);
        assertThat(json(send("GET", "/subjects/lenient-value/versions/latest", null)).get("version").asInt()).isEqualTo(2);
        assertThat(json(send("GET", "/schemas/ids/" + id + "/versions", null)).findValuesAsText("subject")).contains("lenient-value");
        assertThat(json(send("GET", "/schemas/types", null)).get(0).asText()).isEqualTo("AVRO");
    }

    static Stream<Arguments> malformedRequests() {
        String validBody = schemaBody(USER_V1);
        return Stream.of(
                Arguments.of("POST", "/subjects/bad-value/versions", "{not json", 400, 400, "Malformed JSON"),
                Arguments.of("POST", "/subjects/bad-value/versions", "[]", 400, 400, "Expected a JSON object"),
                Arguments.of("POST", "/subjects/bad-value/versions", "", 400, 400, "Expected a JSON object"),
                Arguments.of("POST", "/subjects/bad-value/versions", "{\"schema\": 42}", 400, 400, "Expected {\"schema\""),
                Arguments.of("POST", "/subjects/bad-value/versions", "{\"schema\": \"{\\\"type\\\":\\\"record\\\"}\"}", 422, 42201, "Invalid schema"),
                Arguments.of("POST", "/subjects/bad-value/versions",
                        "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}",
                        422, 42201, "Invalid schema"),
                Arguments.of("POST", "/subjects/bad-value/versions", "{\"schema\": \"\\\"string\\\"\", \"schemaType\": \"PROTOBUF\"}", 422, 42201, "only AVRO"),
                Arguments.of("POST", "/subjects/bad-value/versions", "{\"schema\": \"\\\"string\\\"\", \"references\": [{\"name\":\"x\"}]}", 422, 42201, "references are not supported"),
                Arguments.of("POST", "/subjects/" + "x".repeat(300) + "/versions", validBody, 422, 42208, "Invalid subject"),
                Arguments.of("POST", "/subjects/a%01b/versions", validBody, 422, 42208, "control characters"),
                Arguments.of("POST", "/subjects/bad-value/versions", "{\"schema\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413, 413, ""),
                Arguments.of("GET", "/schemas/ids/abc", null, 400, 400, "Invalid schema id 'abc'"),
                Arguments.of("GET", "/schemas/ids/-3", null, 404, 40403, "Schema not found"),
                Arguments.of("GET", "/schemas/ids/0/versions", null, 404, 40403, "Schema not found"),
                Arguments.of("GET", "/schemas/ids/2147483647", null, 404, 40403, "Schema not found"),
                Arguments.of("GET", "/schemas/ids/99999999999", null, 400, 400, "Invalid schema id"),
                Arguments.of("GET", "/subjects/nobody-value/versions", null, 404, 40401, "Subject 'nobody-value' not found"),
                Arguments.of("GET", "/subjects/nobody-value/versions/latest", null, 404, 40401, "not found"),
                Arguments.of("GET", "/subjects/users-value/versions/first", null, 422, 42202, "is not a valid version id"),
                Arguments.of("GET", "/subjects/users-value/versions/0", null, 422, 42202, "is not a valid version id"),
                Arguments.of("GET", "/subjects/users-value/versions/77", null, 404, 40402, "Version 77 not found"),
                Arguments.of("POST", "/subjects/nobody-value", validBody, 404, 40401, "not found"),
                Arguments.of("POST", "/compatibility/subjects/users-value/versions/x", validBody, 422, 42202, "not a valid version id"),
                Arguments.of("PUT", "/config", "{\"compatibility\": \"SOMETIMES\"}", 422, 42203, "Invalid compatibility level 'SOMETIMES'"),
                Arguments.of("PUT", "/config", "{}", 400, 400, "Expected {\"compatibility\""),
                Arguments.of("GET", "/no/such/path", null, 404, 404, "GET /no/such/path not found"),
                Arguments.of("DELETE", "/subjects", null, 404, 404, "DELETE /subjects"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("malformedRequests")
    void shouldAnswerMalformedRequestsWith4xxAndAMessage(String method, String path, String body, int status, int errorCode, String message) throws Exception {
        client(registry.url()).register("users-value", USER_V1);

        HttpResponse<String> response = send(method, path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(error.get("message").asText()).isNotBlank().contains(message);
    }

    @Test
    void shouldKeepIdsWhenRegistryAndBrokerRestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        int a;
        int b;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, 0);
             EmbeddedSchemaRegistry before = EmbeddedSchemaRegistry.start(first.bootstrapServers(), 0)) {
            a = client(before.url()).register("a-value", USER_V1);
            b = client(before.url()).register("b-value", USER_V2);
            assertThat(json(send(before.url(), "PUT", "/config/b-value", "{\"compatibility\":\"FULL\"}", Map.of()))
                    .get("compatibility").asText()).isEqualTo("FULL");
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir, 0);
             EmbeddedSchemaRegistry after = EmbeddedSchemaRegistry.start(second.bootstrapServers(), 0)) {
            SchemaRegistryClient client = client(after.url());

            assertThat(client.getById(a)).isEqualTo(USER_V1);
            assertThat(client.getById(b)).isEqualTo(USER_V2);
            assertThat(client.register("a-value", USER_V1)).isEqualTo(a);
            assertThat(client.register("c-value", USER_NO_DEFAULT)).isEqualTo(Math.max(a, b) + 1);
            assertThat(client.subjects()).containsExactly("a-value", "b-value", "c-value");
            assertThat(json(send(after.url(), "GET", "/config/b-value", null, Map.of())).get("compatibilityLevel").asText()).isEqualTo("FULL");
        }
    }

    @Test
    void shouldRequireBasicAuthAndAcceptTheClientsCredentials() throws Exception {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.withBasicAuth("alice", "s3cret").withTopic("_schemas_auth_it")
                .start(broker.bootstrapServers(), 0)) {
            HttpResponse<String> anonymous = send(secured.url(), "GET", "/subjects", null, Map.of());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(json(anonymous).get("error_code").asInt()).isEqualTo(401);
            assertThat(send(secured.url(), "GET", "/subjects", null, Map.of("Authorization", "Basic !!!")).statusCode()).isEqualTo(401);

            SchemaRegistryClient wrongPassword = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of(
                    "schema.registry.url", secured.url(), "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:guess")));
            assertThatThrownBy(wrongPassword::subjects)
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));

            SchemaRegistryClient alice = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of(
                    "schema.registry.url", secured.url(), "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret")));
            int id = alice.register("secured-value", USER_V1);
            assertThat(alice.getById(id)).isEqualTo(USER_V1);
            assertThat(alice.subjects()).containsExactly("secured-value");
        }
    }

    private static SchemaRegistryClient client(String url) {
        return new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of("schema.registry.url", url)));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(registry.url(), method, path, body, Map.of());
    }

    private static HttpResponse<String> send(String base, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/vnd.schemaregistry.v1+json"));
        return JSON.readTree(response.body());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"it\",\"fields\":[" + String.join(",", fields) + "]}");
    }
}
