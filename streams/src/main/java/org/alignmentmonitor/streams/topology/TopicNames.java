package org.alignmentmonitor.streams.topology;

import java.util.List;

/**
 * Names of the product's topics, injected as configuration so deployments can prefix or rename them.
 *
 * @param reviewTasks keyed by interaction id; the review queue reads it
 * @param labels      keyed by interaction id, with as many partitions as review tasks (labels are paired with their task)
 * @param judgeRequests    interactions selected for the asynchronous judges, with their rule results, keyed by interaction id
 * @param judgments        one verdict per (interaction, judge), scored or unscored with the reason, keyed by interaction id
 * @param trainingExamples labels paired with their reviewed interaction, for the learned classifier
 */
public record TopicNames(String interactions, String verdicts, String reviewTasks, String labels, String rates, String alerts,
                         String judgeRequests, String judgments, String trainingExamples) {

    public static TopicNames defaults() {
        return new TopicNames("interactions", "verdicts", "review-tasks", "labels", "rates", "alerts",
                "judge-requests", "judgments", "training-examples");
    }

    public TopicNames {
        for (String name : List.of(interactions, verdicts, reviewTasks, labels, rates, alerts, judgeRequests, judgments, trainingExamples)) {
            if (!name.matches("[a-zA-Z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("invalid topic name '" + name + "'");
            }
        }
    }

    /** Topics the application writes or reads, dead-letter topics of its inputs included. */
    public List<String> all() {
        return List.of(interactions, verdicts, reviewTasks, labels, rates, alerts, judgeRequests, judgments, trainingExamples,
                DeadLetterTopics.of(interactions), DeadLetterTopics.of(labels), DeadLetterTopics.of(judgments));
    }
}
