package org.alignmentmonitor.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the monitor needs. Every method may throw
 * {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} and returns its global id; the same schema always gets the same id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; a {@link SchemaRegistryException} with status 404 if there is none. */
    Schema getById(int id);

    /** Whether {@code schema} may be registered under {@code subject}; true if the subject does not exist yet. */
    boolean isCompatible(String subject, Schema schema);

    List<String> subjects();

    List<Integer> versions(String subject);

    RegisteredSchema latest(String subject);
}
