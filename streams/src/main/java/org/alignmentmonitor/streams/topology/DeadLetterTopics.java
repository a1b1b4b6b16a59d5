package org.alignmentmonitor.streams.topology;

/** The naming rule for dead-letter topics: {@code <topic>-dlq}. */
public final class DeadLetterTopics {

    public static final String SUFFIX = "-dlq";

    private DeadLetterTopics() {
    }

    public static String of(String topic) {
        return topic + SUFFIX;
    }
}
