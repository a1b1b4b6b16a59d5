package org.alignmentmonitor.monitor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.alignmentmonitor.monitor.registry.SchemaLogCodec.ConfigEntry;
import org.alignmentmonitor.monitor.registry.SchemaLogCodec.Entry;
import org.alignmentmonitor.monitor.registry.SchemaLogCodec.SchemaEntry;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.RegisteredSchema;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaLogCodecTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    @Test
    void shouldRoundTripEveryEntryType() {
        for (Entry entry : new Entry[] {
                new SchemaEntry(new RegisteredSchema("t-value", 3, 17, SCHEMA)),
                new ConfigEntry(Optional.of("t-value"), CompatibilityLevel.FULL),
                new ConfigEntry(Optional.empty(), CompatibilityLevel.NONE)}) {
            assertThat(SchemaLogCodec.decode(SchemaLogCodec.key(entry), SchemaLogCodec.value(entry))).isEqualTo(entry);
        }
    }

    @Test
    void shouldWriteConfluentShapedKeysWithAStableFieldOrder() {
        byte[] key = SchemaLogCodec.key(new SchemaEntry(new RegisteredSchema("t-value", 3, 17, SCHEMA)));

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":3,\"magic\":1}");
    }

    @Test
    void shouldRefuseRecordsItDoesNotUnderstand() {
        byte[] schemaKey = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}");
        assertThatThrownBy(() -> SchemaLogCodec.decode(schemaKey, null)).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> SchemaLogCodec.decode(bytes("{\"keytype\":\"DELETE_SUBJECT\"}"), bytes("{}")))
                .hasMessageContaining("unknown key type 'DELETE_SUBJECT'");
        assertThatThrownBy(() -> SchemaLogCodec.decode(bytes("not json"), bytes("{}"))).hasMessageContaining("record key is not JSON");
        assertThatThrownBy(() -> SchemaLogCodec.decode(schemaKey, bytes("{\"subject\":\"s\",\"version\":1,\"schema\":\"\\\"int\\\"\"}")))
                .hasMessageContaining("field 'id' missing");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
