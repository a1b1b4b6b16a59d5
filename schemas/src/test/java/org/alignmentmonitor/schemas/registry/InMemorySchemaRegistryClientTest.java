package org.alignmentmonitor.schemas.registry;

import static org.alignmentmonitor.schemas.registry.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private static final Schema V1 = record("User", "{\"name\":\"name\",\"type\":\"string\"}");
    private static final Schema V2 = record("User", "{\"name\":\"name\",\"type\":\"string\"}",
            "{\"name\":\"age\",\"type\":\"int\",\"default\":0}");
    private static final Schema NEEDS_DEFAULT = record("User", "{\"name\":\"name\",\"type\":\"string\"}",
            "{\"name\":\"email\",\"type\":\"string\"}");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldReturnTheSameIdForTheSameSchema() {
        int first = registry.register("users-value", V1);

        assertThat(registry.register("users-value", V1)).isEqualTo(first);
        assertThat(registry.register("users-value", new Schema.Parser().parse(V1.toString(true)))).isEqualTo(first);
        assertThat(registry.register("other-value", V1)).isEqualTo(first);
        assertThat(registry.versions("users-value")).containsExactly(1);
    }

    @Test
    void shouldAssignNextIdAndVersionToAnEvolvedSchema() {
        int v1 = registry.register("users-value", V1);
        int v2 = registry.register("users-value", V2);

        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(registry.versions("users-value")).containsExactly(1, 2);
        assertThat(registry.latest("users-value")).isEqualTo(new RegisteredSchema("users-value", 2, v2, V2));
        assertThat(registry.getById(v1)).isEqualTo(V1);
        assertThat(registry.subjects()).containsExactly("users-value");
    }

    @Test
    void shouldRejectABackwardIncompatibleSchema() {
        registry.register("users-value", V1);

        assertThat(registry.isCompatible("users-value", NEEDS_DEFAULT)).isFalse();
        assertThat(registry.isCompatible("users-value", V2)).isTrue();
        assertThatThrownBy(() -> registry.register("users-value", NEEDS_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "email");
                });
    }

    @Test
    void shouldAcceptAnySchemaWhenCompatibilityIsNone() {
        InMemorySchemaRegistryClient lenient = new InMemorySchemaRegistryClient(CompatibilityLevel.NONE);
        lenient.register("users-value", V1);

        assertThat(lenient.register("users-value", NEEDS_DEFAULT)).isEqualTo(2);
    }

    @Test
    void shouldTreatAnUnknownSubjectAsCompatible() {
        assertThat(registry.isCompatible("nobody-value", NEEDS_DEFAULT)).isTrue();
    }

    @Test
    void shouldAnswerNotFoundWithConfluentErrorCodes() {
        assertThatThrownBy(() -> registry.getById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.latest("nobody-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void shouldRejectInvalidSubjects() {
        assertThatThrownBy(() -> registry.register(" ", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(422));
        assertThatThrownBy(() -> registry.register("x".repeat(256), V1)).hasMessageContaining("the limit is 255");
        assertThatThrownBy(() -> registry.register("a\nb", V1)).hasMessageContaining("control characters");
    }
}
