package org.alignmentmonitor.streams.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/** Interactions for tests: a plain good answer unless a test says otherwise. */
public final class TestInteractions {

    private TestInteractions() {
    }

    public static Interaction good(String id, String model, String version, Instant eventTime) {
        return of(id, model, version, eventTime,
                "Paris is the capital of France. It has been the seat of government for centuries.", "stop");
    }

    /** Cut off by the token limit: a failure the rules flag. */
    public static Interaction truncated(String id, String model, String version, Instant eventTime) {
        return of(id, model, version, eventTime, "Paris is the capital of France and it has been the seat of", "length");
    }

    public static Interaction of(String id, String model, String version, Instant eventTime, String completion, String finishReason) {
        return Interaction.newBuilder()
                .setId(id)
                .setEventTime(eventTime)
                .setModel(model)
                .setVersion(version)
                .setConversation(List.of(new Message("user", "What is the capital of France? Answer in two sentences.")))
                .setCompletion(completion)
                .setFinishReason(finishReason)
                .setMetadata(new HashMap<>())
                .build();
    }
}
