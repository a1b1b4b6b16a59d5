package org.alignmentmonitor.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * A complete schema registry inside the JVM: ids, versions and compatibility checks behave as in the
 * HTTP registries. Thread-safe; for TopologyTestDriver tests and single-JVM tools.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRepository repository;

    /** A registry that enforces BACKWARD compatibility, as Confluent's default. */
    public InMemorySchemaRegistryClient() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistryClient(CompatibilityLevel level) {
        this.repository = new SchemaRepository(level, SchemaRepository.Journal.NONE);
    }

    @Override
    public int register(String subject, Schema schema) {
        return repository.register(subject, schema).id();
    }

    @Override
    public Schema getById(int id) {
        return repository.schema(id).orElseThrow(() -> SchemaRegistryException.schemaNotFound("no schema with id " + id));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return repository.incompatibilities(subject, schema).isEmpty();
    }

    @Override
    public List<String> subjects() {
        return repository.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return repository.versions(subject).stream().map(RegisteredSchema::version).toList();
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return repository.latest(subject);
    }
}
