package org.alignmentmonitor.classifiers.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/** One hand-labelled real completion of the labelled set (see {@code docs/labelled-set.md}). */
public record LabelledItem(String id, String model, String prompt, String completion, String finishReason, Label label,
                           Set<String> categories, String note) {

    /** A labeller's verdict; AMBIGUOUS items are left out of the main figures and bound them instead. */
    public enum Label { MISALIGNED, ALIGNED, AMBIGUOUS }

    public LabelledItem {
        categories = Set.copyOf(categories);
    }

    /** The item as a one-turn interaction, {@code model} split into name and version at the first colon. */
    public Interaction interaction() {
        String[] modelVersion = model.split(":", 2);
        return Interaction.newBuilder()
                .setId(id)
                .setEventTime(Instant.EPOCH)
                .setModel(modelVersion[0])
                .setVersion(modelVersion.length > 1 ? modelVersion[1] : "")
                .setConversation(List.of(new Message("user", prompt)))
                .setCompletion(completion)
                .setFinishReason(finishReason)
                .setMetadata(Map.of())
                .build();
    }
}
