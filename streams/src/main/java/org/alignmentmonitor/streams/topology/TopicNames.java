package org.alignmentmonitor.streams.topology;

import java.util.List;

/** Names of the product's topics, injected as configuration so deployments can prefix or rename them. */
public record TopicNames(String interactions, String verdicts, String rates) {

    public static TopicNames defaults() {
        return new TopicNames("interactions", "verdicts", "rates");
    }

    public TopicNames {
        for (String name : List.of(interactions, verdicts, rates)) {
            if (!name.matches("[a-zA-Z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("invalid topic name '" + name + "'");
            }
        }
    }

    /** Topics the application writes or reads, dead-letter topics of its inputs included. */
    public List<String> all() {
        return List.of(interactions, verdicts, rates, DeadLetterTopics.of(interactions));
    }
}
