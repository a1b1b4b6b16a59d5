package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.streams.errors.InvalidRecordException;
import org.alignmentmonitor.streams.process.ProcessCellKey;

/**
 * Rejects interactions no statistic can be kept for. The exception goes to the processing
 * exception handler, which sends the raw record to the dead-letter topic with the reason.
 */
final class InteractionValidator {

    private static final long MAX_CLOCK_SKEW_MS = Duration.ofDays(1).toMillis();

    private InteractionValidator() {
    }

    static Interaction validate(Interaction interaction, long nowMillis) {
        if (interaction == null) {
            throw new InvalidRecordException("interaction value is null (tombstone)");
        }
        requireText("id", interaction.getId());
        requireText("model", interaction.getModel());
        requireText("version", interaction.getVersion());
        if (interaction.getModel().indexOf('\0') >= 0 || interaction.getVersion().indexOf('\0') >= 0) {
            throw new InvalidRecordException("model or version contains a NUL character");
        }
        long eventTime = interaction.getEventTime().toEpochMilli();
        if (eventTime < 0) {
            throw new InvalidRecordException("event time before 1970: " + interaction.getEventTime());
        }
        if (eventTime > nowMillis + MAX_CLOCK_SKEW_MS) {
            throw new InvalidRecordException("event time more than a day in the future: " + interaction.getEventTime());
        }
        ProcessCellKey.validate(interaction);
        Double self = interaction.getSelfAssessment();
        if (self != null && !(self >= 0.0 && self <= 1.0)) {
            throw new InvalidRecordException("selfAssessment " + self + " outside [0,1]");
        }
        return interaction;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException("interaction " + field + " is blank");
        }
    }
}
