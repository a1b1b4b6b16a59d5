package org.alignmentmonitor.streams.process;

import java.util.Map;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.streams.errors.InvalidRecordException;

/**
 * One cell of a training process's scorecard: a version it produced, run in one deployment, with
 * the checkpoint step when the version is a training checkpoint. Its string form (NUL-separated,
 * process first) keeps every cell of a process together in a sorted store.
 *
 * @param step checkpoint step from the interaction's {@value #CHECKPOINT_STEP} metadata, or null
 */
public record ProcessCellKey(String process, String model, String version, String deployment, Long step) {

    /** Metadata key carrying a checkpoint's training step. */
    public static final String CHECKPOINT_STEP = "checkpoint_step";
    /** Deployment shown for traffic that names none. */
    public static final String UNSPECIFIED_DEPLOYMENT = "unspecified";
    private static final char SEP = '\0';

    /** The cell of an interaction, or null when it names no training process. */
    public static ProcessCellKey of(Interaction interaction) {
        String process = interaction.getTrainingProcessId();
        if (process == null || process.isBlank()) {
            return null;
        }
        String deployment = interaction.getDeployment();
        return new ProcessCellKey(process, interaction.getModel(), interaction.getVersion(),
                deployment == null || deployment.isBlank() ? UNSPECIFIED_DEPLOYMENT : deployment, step(interaction));
    }

    /** Rejects process fields no cell can be kept for (the validator sends the record to the dead-letter topic). */
    public static void validate(Interaction interaction) {
        for (String text : new String[] {interaction.getTrainingProcessId(), interaction.getDeployment()}) {
            if (text != null && text.indexOf(SEP) >= 0) {
                throw new InvalidRecordException("trainingProcessId or deployment contains a NUL character");
            }
        }
        step(interaction);
    }

    /** The step metadata alone, or no metadata: what a stored review task keeps. */
    public static Map<String, String> stepMetadata(Interaction interaction) {
        String step = interaction.getMetadata().get(CHECKPOINT_STEP);
        return step == null ? Map.of() : Map.of(CHECKPOINT_STEP, step);
    }

    private static Long step(Interaction interaction) {
        String raw = interaction.getMetadata().get(CHECKPOINT_STEP);
        if (raw == null) {
            return null;
        }
        try {
            long step = Long.parseLong(raw.trim());
            if (step < 0) {
                throw new NumberFormatException();
            }
            return step;
        } catch (NumberFormatException e) {
            throw new InvalidRecordException("metadata " + CHECKPOINT_STEP + " must be a non-negative integer, got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'");
        }
    }

    public String format() {
        return process + SEP + model + SEP + version + SEP + deployment + SEP + (step == null ? "" : step.toString());
    }

    public static ProcessCellKey parse(String key) {
        String[] parts = key.split(String.valueOf(SEP), -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a process cell key: " + parts.length + " parts");
        }
        return new ProcessCellKey(parts[0], parts[1], parts[2], parts[3], parts[4].isEmpty() ? null : Long.valueOf(parts[4]));
    }

    /** Prefix of every cell key of {@code process} in the store. */
    public static String processPrefix(String process) {
        return process + SEP;
    }
}
