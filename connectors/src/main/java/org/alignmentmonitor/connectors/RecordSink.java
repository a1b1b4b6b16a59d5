package org.alignmentmonitor.connectors;

import org.alignmentmonitor.avro.Interaction;

/** Where a source delivers what it read: parsed interactions, and lines it could not use. */
public interface RecordSink {

    void accept(Interaction interaction);

    /**
     * A line that could not become an Interaction.
     *
     * @param reason human-readable cause, without the line's location (that is in {@code line})
     */
    void reject(LogLine line, String reason);
}
