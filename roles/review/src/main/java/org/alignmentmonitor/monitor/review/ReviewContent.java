package org.alignmentmonitor.monitor.review;

import java.util.List;

/**
 * What a labeller sees of one item: the conversation, the completion and the classifiers' evidence.
 *
 * @param evidence spans into the completion, or into the last user turn when {@code inPrompt}
 */
public record ReviewContent(List<Turn> conversation, String completion, List<Evidence> evidence, List<Score> scores) {

    public ReviewContent {
        conversation = List.copyOf(conversation);
        evidence = List.copyOf(evidence);
        scores = List.copyOf(scores);
    }

    public record Turn(String role, String text) {
    }

    public record Evidence(boolean inPrompt, int start, int end, String reason, String classifierId) {
    }

    public record Score(String classifierId, double score, boolean flagged, List<String> categories) {

        public Score {
            categories = List.copyOf(categories);
        }
    }

    /** Index of the last user turn, which prompt evidence points into; -1 when there is none. */
    public int lastUserTurn() {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if ("user".equals(conversation.get(i).role())) {
                return i;
            }
        }
        return -1;
    }
}
