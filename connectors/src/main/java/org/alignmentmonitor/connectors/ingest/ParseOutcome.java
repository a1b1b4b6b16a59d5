package org.alignmentmonitor.connectors.ingest;

import java.util.Objects;
import org.alignmentmonitor.avro.Interaction;

/** What one record (or one span of a batch) became. */
public sealed interface ParseOutcome {

    SourceLocation location();

    record Accepted(Interaction interaction, SourceLocation location) implements ParseOutcome {
        public Accepted {
            Objects.requireNonNull(interaction, "interaction");
            Objects.requireNonNull(location, "location");
        }
    }

    /** Malformed or incomplete input: goes to a dead-letter topic or a 4xx answer with {@code reason}. */
    record Rejected(String reason, SourceLocation location) implements ParseOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(location, "location");
        }

        /** {@code location: reason}, for logs and dead-letter headers. */
        public String message() {
            return location.describe() + ": " + reason;
        }
    }

    /** Well-formed input that is not an LLM inference (e.g. an HTTP span in the same trace): counted, not kept. */
    record Ignored(String why, SourceLocation location) implements ParseOutcome {
        public Ignored {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(location, "location");
        }
    }
}
