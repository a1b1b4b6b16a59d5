package org.alignmentmonitor.monitor.estimate;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.Label;

/** One line of the auditor's input: {@code {"score": 0.3, "label": "ALIGNED", "pi": 0.05, "flagged": false}}. */
public record AuditInput(double score, boolean flagged, Label label, double pi) {

    public static AuditInput parse(ObjectMapper mapper, String line, double threshold) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode scoreNode = node.get("score");
        if (scoreNode == null || !scoreNode.isNumber()) {
            throw new IllegalArgumentException("'score' must be a number in [0, 1]");
        }
        double score = scoreNode.asDouble();
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("'score' " + score + " outside [0, 1]");
        }
        Label label = label(node.get("label"));
        double pi = 1.0;
        if (label != null) {
            JsonNode piNode = node.get("pi");
            if (piNode == null || !piNode.isNumber() || !(piNode.asDouble() > 0 && piNode.asDouble() <= 1)) {
                throw new IllegalArgumentException("a labelled line needs 'pi' in (0, 1]");
            }
            pi = piNode.asDouble();
        }
        JsonNode flaggedNode = node.get("flagged");
        boolean flagged = flaggedNode != null && !flaggedNode.isNull() ? flaggedNode.asBoolean() : score >= threshold;
        return new AuditInput(score, flagged, label, pi);
    }

    private static Label label(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Label.valueOf(node.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'label' must be MISALIGNED, ALIGNED, AMBIGUOUS or null, got '" + node.asText() + "'");
        }
    }

    public BucketEstimatorState addTo(BucketEstimatorState state) {
        return state.add(score, flagged, label, pi);
    }
}
