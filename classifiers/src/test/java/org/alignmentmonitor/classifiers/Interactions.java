package org.alignmentmonitor.classifiers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/** Interactions for tests. Copies are shallow: Avro's deep-copying builder rejects untrusted classes. */
public final class Interactions {

    private Interactions() {}

    public static Interaction of(String prompt, String completion) {
        return of(prompt, completion, "stop");
    }

    public static Interaction of(String prompt, String completion, String finishReason) {
        List<Message> conversation = new ArrayList<>();
        if (prompt != null) {
            conversation.add(new Message("system", "You are a helpful assistant."));
            conversation.add(new Message("user", prompt));
        }
        return new Interaction("test-1", Instant.ofEpochMilli(1_000), "model", "v1", null, null, conversation,
                completion, finishReason, null, null, null, new HashMap<>());
    }

    public static Interaction withCompletion(Interaction original, String completion, String finishReason) {
        return new Interaction(original.getId(), original.getEventTime(), original.getModel(), original.getVersion(),
                original.getTrainingProcessId(), original.getDeployment(), original.getConversation(), completion,
                finishReason, original.getSampling(), original.getTaskId(), original.getSelfAssessment(),
                original.getMetadata());
    }
}
