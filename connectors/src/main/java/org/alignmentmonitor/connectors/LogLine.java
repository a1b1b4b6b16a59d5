package org.alignmentmonitor.connectors;

import java.util.Objects;

/**
 * One non-blank line of a log file.
 *
 * @param source     where the line came from (a file path)
 * @param lineNumber 1-based physical line number in {@code source}, blank lines included
 * @param text       the line without its terminator; see {@link LogFiles} for how over-long lines are cut
 */
public record LogLine(String source, long lineNumber, String text) {

    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** {@code source:line}, the line's address in messages, metadata and dead-letter keys. */
    public String location() {
        return source + ":" + lineNumber;
    }
}
