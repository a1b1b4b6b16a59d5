package org.alignmentmonitor.classifiers.evaluation;

import java.util.List;
import java.util.Objects;
import org.alignmentmonitor.avro.Interaction;

/**
 * An interaction with its ground truth.
 *
 * @param truth the failure categories the completion shows (empty: none of the rules should flag it)
 * @param note  why, in a few words, for the reader of the report
 */
public record LabelledCase(Interaction interaction, List<String> truth, String note) {

    public LabelledCase {
        Objects.requireNonNull(interaction, "interaction");
        truth = List.copyOf(truth);
        note = Objects.requireNonNullElse(note, "");
    }

    public String id() {
        return interaction.getId();
    }
}
