package org.alignmentmonitor.schemas.registry;

import static org.alignmentmonitor.schemas.registry.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema USER = record("User", "{\"name\":\"name\",\"type\":\"string\"}");

    private StubRegistryServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = StubRegistryServer.http();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void shouldRegisterWithTheConfluentRequestShapeAndCacheTheId() throws Exception {
        stub.answer("POST /subjects/users-value/versions", 200, "{\"id\": 7, \"version\": 1, \"guid\": \"ignored\"}");
        RestSchemaRegistryClient client = client(Map.of());

        assertThat(client.register("users-value", USER)).isEqualTo(7);
        assertThat(client.register("users-value", USER)).isEqualTo(7);
        assertThat(client.getById(7)).isEqualTo(USER);

        assertThat(stub.requests).hasSize(1);
        StubRegistryServer.Request request = stub.requests.get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("schema").asText()).isEqualTo(USER.toString());
        assertThat(body.has("schemaType")).isFalse();
    }

    @Test
    void shouldUrlEncodeSubjects() {
        stub.answer("GET /subjects/a%2Fb%3Ac%20d/versions", 200, "[1, 2]");

        assertThat(client(Map.of()).versions("a/b:c d")).containsExactly(1, 2);
    }

    @Test
    void shouldFetchSchemasByIdOnce() {
        stub.answer("GET /schemas/ids/3", 200, schemaJson(USER, Map.of("schemaType", "AVRO", "references", "[]")));
        RestSchemaRegistryClient client = client(Map.of());

        assertThat(client.getById(3)).isEqualTo(USER);
        assertThat(client.getById(3)).isEqualTo(USER);
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void shouldReadTheLatestVersionIgnoringUnknownFields() {
        ObjectNode latest = JSON.createObjectNode().put("subject", "users-value").put("version", 4).put("id", 12)
                .put("schema", USER.toString()).put("schemaType", "AVRO");
        latest.putObject("metadata").put("owner", "team");
        stub.answer("GET /subjects/users-value/versions/latest", 200, latest.toString());

        assertThat(client(Map.of()).latest("users-value")).isEqualTo(new RegisteredSchema("users-value", 4, 12, USER));
    }

    @Test
    void shouldListSubjects() {
        stub.answer("GET /subjects", 200, "[\"a-value\", \"b-key\"]");

        assertThat(client(Map.of()).subjects()).containsExactly("a-value", "b-key");
    }

    @Test
    void shouldCheckCompatibilityAgainstTheLatestVersion() {
        stub.answer("POST /compatibility/subjects/users-value/versions/latest", 200, "{\"is_compatible\": false, \"messages\": []}");
        stub.answer("POST /compatibility/subjects/new-value/versions/latest", 404, "{\"error_code\": 40401, \"message\": \"Subject 'new-value' not found.\"}");
        RestSchemaRegistryClient client = client(Map.of());

        assertThat(client.isCompatible("users-value", USER)).isFalse();
        assertThat(client.isCompatible("new-value", USER)).isTrue();
    }

    @Test
    void shouldCarryTheRegistrysErrorCodeAndMessage() {
        stub.answer("GET /schemas/ids/5", 404, "{\"error_code\": 40403, \"message\": \"Schema 5 not found\"}");

        assertThatThrownBy(() -> client(Map.of()).getById(5))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.getMessage()).isEqualTo("GET /schemas/ids/5 -> Schema 5 not found");
                });
    }

    @Test
    void shouldKeepWhatAProxySaidWhenTheErrorIsNotJson() {
        stub.answerText("GET /subjects", 502, "text/html", "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> client(Map.of()).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.errorCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("Bad Gateway");
                });
    }

    @Test
    void shouldRefuseSchemasThatAreNotAvro() {
        stub.answer("GET /schemas/ids/8", 200, "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}");

        assertThatThrownBy(() -> client(Map.of()).getById(8)).hasMessageContaining("holds a PROTOBUF schema for schema id 8, not an Avro one");
    }

    @Test
    void shouldFailOverToTheNextUrlWhenAConnectionIsRefused() throws IOException {
        stub.answer("GET /subjects", 200, "[]");
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(
                Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort() + "," + stub.url())));

        assertThat(client.subjects()).isEmpty();
        assertThat(client.subjects()).isEmpty();
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void shouldNameEveryUrlWhenNoneCanBeReached() throws IOException {
        String urls = "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of("schema.registry.url", urls)));

        assertThatThrownBy(client::subjects)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_HTTP_STATUS);
                    assertThat(e.getMessage()).startsWith("cannot reach any schema registry at [http://127.0.0.1:");
                });
    }

    @Test
    void shouldSendBasicCredentials() {
        stub.answer("GET /subjects", 200, "[]");

        client(Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:pw")).subjects();

        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(stub.requests.get(0).header("Authorization")).isEqualTo(expected);
    }

    @Test
    void shouldSendTheBearerToken() {
        stub.answer("GET /subjects", 200, "[]");

        client(Map.of("bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "tok-123")).subjects();

        assertThat(stub.requests.get(0).header("Authorization")).isEqualTo("Bearer tok-123");
    }

    @Test
    void shouldTrustAnHttpsRegistryThroughTheConfiguredTruststore(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Path serverKeys = certs.keyPair("registry");
        Path trust = certs.trustStoreFor(serverKeys, "registry");
        try (StubRegistryServer https = StubRegistryServer.https(TestCertificates.serverContext(serverKeys, null), false)) {
            https.answer("GET /subjects", 200, "[\"tls-value\"]");
            Map<String, Object> props = new HashMap<>();
            props.put("schema.registry.url", https.url());
            props.put("schema.registry.ssl.truststore.location", trust.toString());
            props.put("schema.registry.ssl.truststore.password", TestCertificates.PASSWORD);
            props.put("schema.registry.ssl.truststore.type", "PKCS12");

            assertThat(new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(props)).subjects()).containsExactly("tls-value");
            RestSchemaRegistryClient untrusting = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(Map.of("schema.registry.url", https.url())));
            assertThatThrownBy(untrusting::subjects).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("SSLHandshakeException");
        }
    }

    @Test
    void shouldPresentTheConfiguredClientCertificate(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Path serverKeys = certs.keyPair("registry");
        Path clientKeys = certs.keyPair("client");
        Path clientTrust = certs.trustStoreFor(serverKeys, "registry");
        Path serverTrust = certs.trustStoreFor(clientKeys, "client");
        try (StubRegistryServer https = StubRegistryServer.https(TestCertificates.serverContext(serverKeys, serverTrust), true)) {
            https.answer("GET /subjects", 200, "[]");
            Map<String, Object> props = new HashMap<>();
            props.put("schema.registry.url", https.url());
            props.put("schema.registry.ssl.truststore.location", clientTrust.toString());
            props.put("schema.registry.ssl.truststore.password", TestCertificates.PASSWORD);
            props.put("schema.registry.ssl.keystore.location", clientKeys.toString());
            props.put("schema.registry.ssl.keystore.password", TestCertificates.PASSWORD);
            props.put("schema.registry.ssl.keystore.type", "PKCS12");

            assertThat(new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(props)).subjects()).isEmpty();
            assertThat(https.requests).hasSize(1);
        }
    }

    private RestSchemaRegistryClient client(Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("schema.registry.url", stub.url());
        return new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(props));
    }

    private static String schemaJson(Schema schema, Map<String, String> extraRawFields) {
        StringBuilder json = new StringBuilder("{\"schema\": ").append(JSON.getNodeFactory().textNode(schema.toString()));
        extraRawFields.forEach((k, v) -> json.append(", \"").append(k).append("\": ").append(v.startsWith("[") ? v : "\"" + v + "\""));
        return json.append('}').toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
