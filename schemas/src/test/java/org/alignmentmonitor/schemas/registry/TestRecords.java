package org.alignmentmonitor.schemas.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.apache.avro.Schema;

/** Sample records and schemas shared by the registry tests. */
final class TestRecords {

    private TestRecords() {
    }

    static Interaction interaction(String id) {
        return Interaction.newBuilder()
                .setId(id)
                .setEventTime(Instant.parse("2026-11-01T12:00:00.123Z"))
                .setModel("llama-2-chat")
                .setVersion("13b")
                .setConversation(List.of(Message.newBuilder().setRole("user").setContent("How do I bake bread?").build()))
                .setCompletion("Mix flour, water, salt and yeast.")
                .setSelfAssessment(0.25)
                .setMetadata(Map.of("dataset", "smoke"))
                .build();
    }

    /** A minimal record schema named {@code name} with the given field JSON. */
    static Schema record(String name, String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"test\",\"fields\":["
                + String.join(",", fields) + "]}");
    }
}
