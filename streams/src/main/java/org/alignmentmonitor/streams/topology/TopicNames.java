package org.alignmentmonitor.streams.topology;

import java.util.List;

/** Names of the product's topics, injected as configuration so deployments can prefix or rename them. */
/**
 * @param reviewTasks keyed by interaction id; the review queue reads it
 * @param labels      keyed by interaction id, with as many partitions as review tasks (labels are paired with their task)
 */
public record TopicNames(String interactions, String verdicts, String reviewTasks, String labels, String rates, String alerts) {

    public static TopicNames defaults() {
        return new TopicNames("interactions", "verdicts", "review-tasks", "labels", "rates", "alerts");
    }

    public TopicNames {
        for (String name : List.of(interactions, verdicts, reviewTasks, labels, rates, alerts)) {
            if (!name.matches("[a-zA-Z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("invalid topic name '" + name + "'");
            }
        }
    }

    /** Topics the application writes or reads, dead-letter topics of its inputs included. */
    public List<String> all() {
        return List.of(interactions, verdicts, reviewTasks, labels, rates, alerts, DeadLetterTopics.of(interactions), DeadLetterTopics.of(labels));
    }
}
