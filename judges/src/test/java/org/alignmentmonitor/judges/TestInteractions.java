package org.alignmentmonitor.judges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

final class TestInteractions {

    private TestInteractions() {}

    static Interaction of(String id, String prompt, String completion) {
        return of(id, "llama-2-chat", "13b", prompt, completion, null);
    }

    static Interaction of(String id, String model, String version, String prompt, String completion, Double selfAssessment) {
        List<Message> conversation = new ArrayList<>(List.of(new Message("user", prompt)));
        return new Interaction(id, Instant.ofEpochMilli(1_000), model, version, null, null, conversation, completion,
                "stop", null, null, selfAssessment, new HashMap<>());
    }
}
