package org.alignmentmonitor.streams.ingest;

import java.util.Objects;
import java.util.regex.Pattern;
import org.alignmentmonitor.connectors.ingest.RecordParser;

/**
 * A Kafka topic of raw log records ({@code monitor.sources.<name>.*}) that the monitor parses into
 * Interactions itself.
 *
 * @param name   the configuration name; names the sub-topology's processors
 * @param topic  the topic the lab's gateway writes
 * @param parser the topic's format and version rule
 */
public record RawSource(String name, String topic, RecordParser parser) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    public RawSource {
        Objects.requireNonNull(parser, "parser");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("source name must be letters, digits, '_' or '-': '" + name + "'");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("monitor.sources." + name + ".topic is required");
        }
    }
}
