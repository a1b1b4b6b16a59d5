package org.alignmentmonitor.monitor.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import io.javalin.Javalin;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.alignmentmonitor.schemas.registry.RestSchemaRegistryClient;
import org.alignmentmonitor.schemas.registry.SchemaRegistryClient;
import org.alignmentmonitor.schemas.registry.SchemaRepository;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP layer alone, over an in-memory repository (Kafka persistence is covered by EmbeddedSchemaRegistryIT). */
class RegistryHttpApiTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    private Javalin server;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        server = new RegistryHttpApi(new SchemaRepository(CompatibilityLevel.BACKWARD, SchemaRepository.Journal.NONE), Optional.empty())
                .create().start("127.0.0.1", 0);
        client = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(
                Map.of("schema.registry.url", "http://127.0.0.1:" + server.port())));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.Rec", "ns:Rec-value", "with space-value", "plus+sign-value", "ünïcödé-value", "percent%41-value", "group/Rec-value"})
    void shouldServeSubjectsWithReservedCharacters(String subject) {
        int id = client.register(subject, SCHEMA);

        assertThat(client.subjects()).containsExactly(subject);
        assertThat(client.versions(subject)).containsExactly(1);
        assertThat(client.latest(subject).id()).isEqualTo(id);
    }
}
