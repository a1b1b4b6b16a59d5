package org.alignmentmonitor.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.alignmentmonitor.schemas.registry.RegistryClientConfig.BasicCredentials;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig.BearerToken;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig.NoCredentials;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadAMinimalConfigWithDefaults() {
        RegistryClientConfig config = RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "http://localhost:8081"));

        assertThat(config.urls()).containsExactly(URI.create("http://localhost:8081"));
        assertThat(config.credentials()).isEqualTo(new NoCredentials());
        assertThat(config.tls().isConfigured()).isFalse();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cacheCapacity()).isEqualTo(1000);
    }

    @Test
    void shouldReadEveryConfluentProperty() throws Exception {
        Path truststore = Files.writeString(dir.resolve("trust.jks"), "x");
        Path keystore = Files.writeString(dir.resolve("key.p12"), "x");
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", " https://a:8081 , https://b:8081/ ");
        props.put("basic.auth.credentials.source", "user_info");
        props.put("basic.auth.user.info", new Password("alice:s3cr:et"));
        props.put("schema.registry.ssl.truststore.location", truststore.toString());
        props.put("schema.registry.ssl.truststore.password", "trustpw");
        props.put("schema.registry.ssl.keystore.location", keystore.toString());
        props.put("schema.registry.ssl.keystore.password", "keypw");
        props.put("schema.registry.ssl.keystore.type", "PKCS12");
        props.put("schema.registry.ssl.key.password", "kpw");
        props.put("http.read.timeout.ms", 1500);
        props.put("http.connect.timeout.ms", "700");
        props.put("max.schemas.per.subject", "50");

        RegistryClientConfig config = RegistryClientConfig.fromProperties(props);

        assertThat(config.urls()).containsExactly(URI.create("https://a:8081"), URI.create("https://b:8081/"));
        assertThat(config.credentials()).isEqualTo(new BasicCredentials("alice", "s3cr:et"));
        assertThat(config.tls().truststore()).hasValueSatisfying(s -> {
            assertThat(s.location()).isEqualTo(truststore);
            assertThat(s.type()).isEqualTo("JKS");
            assertThat(s.password()).contains("trustpw");
        });
        assertThat(config.tls().keystore()).hasValueSatisfying(s -> assertThat(s.type()).isEqualTo("PKCS12"));
        assertThat(config.tls().keyPassword()).contains("kpw");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(config.cacheCapacity()).isEqualTo(50);
    }

    @Test
    void shouldNeverPrintSecrets() {
        RegistryClientConfig basic = RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "http://h:1",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:topsecret"));
        RegistryClientConfig bearer = RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "http://h:1",
                "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "tok3n"));

        assertThat(basic.toString()).contains("alice").doesNotContain("topsecret");
        assertThat(bearer.toString()).doesNotContain("tok3n");
        assertThat(bearer.credentials()).isEqualTo(new BearerToken("tok3n"));
        assertThat(bearer.credentials().authorizationHeader()).contains("Bearer tok3n");
    }

    @Test
    void shouldTakeUserInfoFromTheUrlAndDropItFromTheUrl() {
        RegistryClientConfig config = RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "http://bob:pw%40x@h:8081/sr"));

        assertThat(config.credentials()).isEqualTo(new BasicCredentials("bob", "pw@x"));
        assertThat(config.urls()).containsExactly(URI.create("http://h:8081/sr"));
    }

    @Test
    void shouldRequireAUrl() {
        assertConfigError(Map.of(), "schema.registry.url is required");
        assertConfigError(Map.of("schema.registry.url", " , "), "schema.registry.url lists no URL");
    }

    @Test
    void shouldRejectMalformedUrls() {
        assertConfigError(Map.of("schema.registry.url", "localhost:8081"), "entry 'localhost:8081' is not a registry URL");
        assertConfigError(Map.of("schema.registry.url", "ftp://h:21"), "expected http://host:port or https://host:port");
        assertConfigError(Map.of("schema.registry.url", "http://h:80/a b"), "is not a valid URL");
    }

    @Test
    void shouldExplainMissingOrMalformedUserInfo() {
        assertConfigError(Map.of("schema.registry.url", "http://h", "basic.auth.credentials.source", "USER_INFO"),
                "basic.auth.user.info is required when basic.auth.credentials.source=USER_INFO");
        assertConfigError(Map.of("schema.registry.url", "http://h", "basic.auth.user.info", "nocolon"),
                "basic.auth.user.info must have the form 'user:password'");
        assertConfigError(Map.of("schema.registry.url", "http://h", "basic.auth.credentials.source", "SASL_INHERIT"),
                "SASL_INHERIT is not supported");
        assertConfigError(Map.of("schema.registry.url", "http://h", "basic.auth.credentials.source", "TOKEN"),
                "basic.auth.credentials.source must be USER_INFO or URL, got 'TOKEN'");
    }

    @Test
    void shouldExplainBearerMistakes() {
        assertConfigError(Map.of("schema.registry.url", "http://h", "bearer.auth.credentials.source", "STATIC_TOKEN"),
                "bearer.auth.token is required");
        assertConfigError(Map.of("schema.registry.url", "http://h", "bearer.auth.token", "t"),
                "bearer.auth.credentials.source is not: set it to STATIC_TOKEN");
        assertConfigError(Map.of("schema.registry.url", "http://h", "bearer.auth.credentials.source", "OAUTHBEARER"),
                "OAUTHBEARER is not supported");
        assertConfigError(Map.of("schema.registry.url", "http://h", "basic.auth.user.info", "a:b",
                "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "t"), "not both");
    }

    @Test
    void shouldExplainTlsMistakes() throws Exception {
        Path store = Files.writeString(dir.resolve("store.jks"), "x");
        assertConfigError(Map.of("schema.registry.url", "https://h", "schema.registry.ssl.truststore.location", dir.resolve("missing.jks").toString()),
                "schema.registry.ssl.truststore.location=" + dir.resolve("missing.jks") + ": no such readable file");
        assertConfigError(Map.of("schema.registry.url", "https://h", "schema.registry.ssl.keystore.location", store.toString()),
                "schema.registry.ssl.keystore.password is required with schema.registry.ssl.keystore.location");
        assertConfigError(Map.of("schema.registry.url", "https://h", "schema.registry.ssl.truststore.location", store.toString(),
                "schema.registry.ssl.truststore.type", "PEMX"), "schema.registry.ssl.truststore.type=PEMX is not a key store type");
        assertConfigError(Map.of("schema.registry.url", "https://h", "schema.registry.ssl.key.password", "x"),
                "schema.registry.ssl.key.password is set but schema.registry.ssl.keystore.location is not");
    }

    @Test
    void shouldRejectNonPositiveNumbers() {
        assertConfigError(Map.of("schema.registry.url", "http://h", "http.read.timeout.ms", "0"),
                "http.read.timeout.ms must be a positive integer, got '0'");
        assertConfigError(Map.of("schema.registry.url", "http://h", "max.schemas.per.subject", "lots"),
                "max.schemas.per.subject must be a positive integer, got 'lots'");
    }

    @Test
    void shouldReportAWrongStorePasswordWhenTheClientIsBuilt() throws Exception {
        Path store = dir.resolve("empty.p12");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "right".toCharArray());
        }
        RegistryClientConfig config = RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "https://h",
                "schema.registry.ssl.truststore.location", store.toString(), "schema.registry.ssl.truststore.password", "wrong",
                "schema.registry.ssl.truststore.type", "PKCS12"));

        assertThatThrownBy(() -> new RestSchemaRegistryClient(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot load schema.registry.ssl.truststore.location=" + store + " as PKCS12");
    }

    private static void assertConfigError(Map<String, ?> props, String message) {
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
