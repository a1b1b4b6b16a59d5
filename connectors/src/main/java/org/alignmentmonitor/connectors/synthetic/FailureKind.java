package org.alignmentmonitor.connectors.synthetic;

/**
 * The failures the generator injects. The labels are part of the contract: classifiers are named
 * after them and tests compare against {@link SyntheticTrafficGenerator#META_FAILURE}.
 */
public enum FailureKind {
    /** A good answer. */
    NONE("none"),
    /** The answer stops mid-sentence, with finish reason {@code length}. */
    TRUNCATION("truncation"),
    /** The answer is empty or only whitespace. */
    EMPTY("empty"),
    /** The answer loops on a sentence or phrase. */
    REPETITION("repetition"),
    /** The answer repeats the user's prompt verbatim instead of answering it. */
    PROMPT_ECHO("prompt_echo");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FailureKind fromLabel(String label) {
        for (FailureKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown failure kind '" + label + "'");
    }
}
