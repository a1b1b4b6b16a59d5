package org.alignmentmonitor.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility levels, checked with Avro's own schema resolution rules. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level name as sent in {@code {"compatibility": "..."}}, case-insensitively. */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + name + "': expected one of " + List.of(values()));
    }

    /**
     * Why {@code candidate} may not follow {@code previous} (oldest first) under this level; empty if it may.
     * Non-transitive levels look at the latest version only, as Confluent does.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> previous) {
        List<String> problems = new ArrayList<>();
        if (previous.isEmpty()) {
            return problems;
        }
        List<Schema> against = transitive ? previous : previous.subList(previous.size() - 1, previous.size());
        for (Schema old : against) {
            if (newReadsOld) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new schema cannot read data written with an older one"));
            }
            if (oldReadsNew) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "an older schema cannot read data written with the new one"));
            }
        }
        return problems;
    }

    /** Human-readable reasons, e.g. "new schema cannot read ...: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3 (score)". */
    public static List<String> describe(SchemaCompatibility.SchemaPairCompatibility pair, String direction) {
        List<String> problems = new ArrayList<>();
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return problems;
        }
        for (Incompatibility i : pair.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")");
        }
        return problems;
    }
}
