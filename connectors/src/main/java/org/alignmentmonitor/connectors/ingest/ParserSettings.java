package org.alignmentmonitor.connectors.ingest;

import java.time.Clock;
import java.util.Objects;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;

/**
 * What every parser needs besides the bytes: how to name the model version, the largest record it
 * reads, and the clock that stamps records carrying no time of their own.
 */
public record ParserSettings(ModelVersionRule versionRule, int maxRecordBytes, Clock clock) {

    /** 1 MiB: far above any real chat record, small enough that one bad record cannot exhaust memory. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public ParserSettings {
        Objects.requireNonNull(versionRule, "versionRule");
        Objects.requireNonNull(clock, "clock");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
    }

    public static ParserSettings defaults() {
        return new ParserSettings(ModelVersionRule.defaultRule(), DEFAULT_MAX_RECORD_BYTES, Clock.systemUTC());
    }

    public ParserSettings withVersionRule(ModelVersionRule rule) {
        return new ParserSettings(rule, maxRecordBytes, clock);
    }
}
