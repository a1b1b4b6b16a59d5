package org.alignmentmonitor.connectors.ingest;

import java.util.List;

/**
 * Turns one raw record of some log format into outcomes. Most formats give exactly one outcome per
 * record; trace formats give one per span of the batch. Implementations are thread-safe, never
 * throw on bad input (they reject it with a reason) and never import Kafka.
 */
public interface RecordParser {

    LogFormat format();

    List<ParseOutcome> parse(byte[] raw, SourceLocation where);
}
