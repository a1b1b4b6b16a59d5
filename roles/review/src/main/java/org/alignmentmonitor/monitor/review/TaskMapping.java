package org.alignmentmonitor.monitor.review;

import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.LabelEvent;

/** Conversions between the topics' Avro records and the review module's plain types. */
final class TaskMapping {

    private TaskMapping() {
    }

    static CatalogEntry entry(ReviewTask task) {
        List<ReviewContent.Turn> turns = new ArrayList<>();
        String completion = "";
        if (task.getInteraction() != null) {
            for (Message m : task.getInteraction().getConversation()) {
                turns.add(new ReviewContent.Turn(m.getRole(), m.getContent()));
            }
            completion = task.getInteraction().getCompletion();
        }
        List<ReviewContent.Evidence> evidence = new ArrayList<>();
        List<ReviewContent.Score> scores = new ArrayList<>();
        for (ClassifierResult r : task.getResults()) {
            scores.add(new ReviewContent.Score(r.getClassifierId(), r.getScore(), r.getFlagged(), List.copyOf(r.getCategories())));
            for (EvidenceSpan s : r.getEvidence()) {
                evidence.add(new ReviewContent.Evidence(s.getTarget() == EvidenceTarget.PROMPT, s.getStart(), s.getEnd(),
                        s.getReason(), r.getClassifierId()));
            }
        }
        return new CatalogEntry(task.getInteractionId(), task.getTaskId(), task.getModel(), task.getVersion(),
                task.getEventTime().toEpochMilli(), task.getInclusionProbability(),
                new ReviewContent(turns, completion, evidence, scores));
    }

    static LabelEvent event(Label label) {
        return new LabelEvent(label.getInteractionId(), label.getLabeller(), Judgment.valueOf(label.getLabel().name()),
                List.copyOf(label.getCategories()), label.getNote(), label.getManualVersion(), label.getLabelledAt().toEpochMilli());
    }

    static Label label(CatalogEntry entry, LabelEvent e) {
        return Label.newBuilder()
                .setTaskId(entry.taskId())
                .setInteractionId(entry.itemId())
                .setModel(entry.model())
                .setVersion(entry.version())
                .setEventTime(java.time.Instant.ofEpochMilli(entry.eventTime()))
                .setLabeller(e.labeller())
                .setLabel(LabelValue.valueOf(e.judgment().name()))
                .setCategories(e.categories())
                .setNote(e.note().isEmpty() ? null : e.note())
                .setManualVersion(e.manualVersion())
                .setInclusionProbability(entry.inclusionProbability())
                .setLabelledAt(java.time.Instant.ofEpochMilli(e.labelledAt()))
                .build();
    }
}
