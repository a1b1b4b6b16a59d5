package org.alignmentmonitor.schemas.registry;

import java.util.Objects;

import org.apache.avro.Schema;

/** One version of a subject: the schema, its global id and its version number within the subject. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1 || id < 1) {
            throw new IllegalArgumentException("version and id must be positive, got version " + version + ", id " + id);
        }
    }
}
