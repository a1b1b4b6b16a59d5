package org.alignmentmonitor.monitor.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;

/**
 * One reviewed interaction of an export: how it was sampled (stratum, inclusion probability, sampler version: with
 * the salt, {@code InclusionHash.uniform(salt, interactionId) < inclusionProbability} re-derives the draw), its
 * classifier score, and every label given on it in the order given. {@code label} is the one in force: the latest
 * by {@code labelledAt}, as the stream applies them.
 */
public record LabelledItem(String interactionId, String taskId, String model, String version, long eventTime,
                           double inclusionProbability, String stratum, String samplerVersion, double score, boolean flagged,
                           String label, List<LabelEntry> history) {

    /** One label as given. */
    public record LabelEntry(String labeller, String label, long labelledAt, String manualVersion, List<String> categories) {

        static LabelEntry of(Label l) {
            return new LabelEntry(l.getLabeller(), l.getLabel().name(), l.getLabelledAt().toEpochMilli(), l.getManualVersion(),
                    List.copyOf(l.getCategories()));
        }
    }

    static final List<String> CSV_HEADER = List.of("interactionId", "taskId", "model", "version", "eventTime", "inclusionProbability",
            "stratum", "samplerVersion", "score", "flagged", "label", "labeller", "labelGiven", "labelledAt", "manualVersion");

    /** The item with its labels; the latest label wins, a later arrival winning a tie, like the stream's LabelApplier. */
    public static LabelledItem of(ReviewTask task, List<Label> labels) {
        List<Label> ordered = new ArrayList<>(labels);
        ordered.sort(Comparator.comparing(Label::getLabelledAt));
        String effective = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1).getLabel().name();
        return new LabelledItem(task.getInteractionId(), task.getTaskId(), task.getModel(), task.getVersion(),
                task.getEventTime().toEpochMilli(), task.getInclusionProbability(), task.getStratum(), task.getSamplerVersion(),
                task.getScore(), task.getFlagged(), effective, ordered.stream().map(LabelEntry::of).toList());
    }

    /** One CSV row per label given (the item's columns repeated), so the history survives flattening. */
    List<List<Object>> csvRows() {
        return history.stream().map(h -> List.<Object>of(interactionId, taskId, model, version, eventTime, inclusionProbability,
                stratum, samplerVersion, score, flagged, label, h.labeller(), h.label(), h.labelledAt(), h.manualVersion())).toList();
    }
}
