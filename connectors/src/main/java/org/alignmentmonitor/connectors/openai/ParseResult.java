package org.alignmentmonitor.connectors.openai;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;

/** What one log line became: an Interaction, or a rejection with its reason. */
public sealed interface ParseResult {

    record Accepted(Interaction interaction) implements ParseResult {
    }

    /** @param reason human-readable cause, without the location (see {@link #message()}) */
    record Rejected(LogLine line, String reason) implements ParseResult {

        /** {@code source:line: reason}, for logs. */
        public String message() {
            return line.location() + ": " + reason;
        }
    }
}
