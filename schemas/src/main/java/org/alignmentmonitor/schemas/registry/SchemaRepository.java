package org.alignmentmonitor.schemas.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;

/**
 * The state of a schema registry: subjects, their versions, global ids and compatibility levels.
 * Shared by {@link InMemorySchemaRegistryClient} and the embedded HTTP registry, so both assign ids
 * and enforce compatibility the same way.
 *
 * <p>Changes are serialized and go through a {@link Journal} before they become visible, so a
 * persistent registry never answers with an id it has not stored. Reads are lock-free.
 */
public final class SchemaRepository {

    /** Where changes are made durable before they are applied; it throws to veto the change. */
    public interface Journal {
        Journal NONE = new Journal() {
            @Override
            public void schemaRegistered(RegisteredSchema schema) {
            }

            @Override
            public void compatibilityChanged(Optional<String> subject, CompatibilityLevel level) {
            }
        };

        void schemaRegistered(RegisteredSchema schema);

        /** {@code subject} is empty for the global level. */
        void compatibilityChanged(Optional<String> subject, CompatibilityLevel level);
    }

    static final int MAX_SUBJECT_LENGTH = 255;

    private final Journal journal;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> idsByCanonicalForm = new ConcurrentHashMap<>();
    /** Immutable lists sorted by version, replaced on change so readers never see a half-updated one. */
    private final ConcurrentMap<String, List<RegisteredSchema>> versionsBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompatibilityLevel> subjectLevels = new ConcurrentHashMap<>();
    private volatile CompatibilityLevel globalLevel;
    private int maxId;

    public SchemaRepository(CompatibilityLevel defaultLevel, Journal journal) {
        this.globalLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** Returns {@code subject} if it is usable as a subject name, else throws a 422. */
    public static String validSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw invalidSubject("a subject name must not be empty");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw invalidSubject("subject name is " + subject.length() + " characters long, the limit is " + MAX_SUBJECT_LENGTH);
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw invalidSubject("subject name contains control characters");
        }
        return subject;
    }

    private static SchemaRegistryException invalidSubject(String detail) {
        return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SUBJECT, "Invalid subject: " + detail);
    }

    /**
     * Registers {@code schema} under {@code subject}: returns the existing version if the subject has
     * it already, otherwise checks compatibility, assigns the schema's global id (reused if another
     * subject has the same schema, else the highest id + 1) and the next version number.
     */
    public synchronized RegisteredSchema register(String subject, Schema schema) {
        validSubject(subject);
        Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<String> problems = incompatibilities(subject, schema);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' (" + compatibility(subject) + "): " + String.join("; ", problems));
        }
        int id = idsByCanonicalForm.getOrDefault(canonicalForm(schema), maxId + 1);
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        RegisteredSchema registered = new RegisteredSchema(subject, version, id, schema);
        journal.schemaRegistered(registered);
        apply(registered);
        return registered;
    }

    /** Re-applies a registration read back from storage; fails if it contradicts what is known. */
    public synchronized void restore(RegisteredSchema registered) {
        String canonical = canonicalForm(registered.schema());
        Schema sameId = schemasById.get(registered.id());
        if (sameId != null && !canonicalForm(sameId).equals(canonical)) {
            throw new IllegalStateException("schema id " + registered.id() + " is stored for two different schemas");
        }
        Integer otherId = idsByCanonicalForm.get(canonical);
        if (otherId != null && otherId != registered.id()) {
            throw new IllegalStateException("the same schema is stored under ids " + otherId + " and " + registered.id());
        }
        for (RegisteredSchema known : versionsBySubject.getOrDefault(registered.subject(), List.of())) {
            if (known.version() == registered.version()) {
                if (known.id() != registered.id()) {
                    throw new IllegalStateException("subject '" + registered.subject() + "' version " + registered.version()
                            + " is stored with ids " + known.id() + " and " + registered.id());
                }
                return;
            }
        }
        apply(registered);
    }

    private void apply(RegisteredSchema registered) {
        schemasById.put(registered.id(), registered.schema());
        idsByCanonicalForm.put(canonicalForm(registered.schema()), registered.id());
        versionsBySubject.merge(registered.subject(), List.of(registered), (old, added) -> {
            List<RegisteredSchema> merged = new ArrayList<>(old);
            merged.addAll(added);
            merged.sort(Comparator.comparingInt(RegisteredSchema::version));
            return List.copyOf(merged);
        });
        maxId = Math.max(maxId, registered.id());
    }

    /** Sets the level of one subject, or the global level if {@code subject} is empty. */
    public synchronized void setCompatibility(Optional<String> subject, CompatibilityLevel level) {
        subject.ifPresent(SchemaRepository::validSubject);
        journal.compatibilityChanged(subject, level);
        restoreCompatibility(subject, level);
    }

    /** Re-applies a level read back from storage. */
    public synchronized void restoreCompatibility(Optional<String> subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        subject.ifPresentOrElse(s -> subjectLevels.put(s, level), () -> globalLevel = level);
    }

    public CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** The subject's own level, or the global one. */
    public CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    public Optional<Schema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The version of {@code subject} that holds exactly {@code schema}, if any. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Integer id = idsByCanonicalForm.get(canonicalForm(schema));
        if (id == null) {
            return Optional.empty();
        }
        return versionsBySubject.getOrDefault(subject, List.of()).stream().filter(v -> v.id() == id).findFirst();
    }

    public List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    public boolean hasSubject(String subject) {
        return versionsBySubject.containsKey(subject);
    }

    /** All versions of {@code subject}, oldest first; 40401 if it has none. */
    public List<RegisteredSchema> versions(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    public RegisteredSchema version(String subject, int version) {
        return versions(subject).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
    }

    public RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versions(subject);
        return versions.get(versions.size() - 1);
    }

    /** Every subject version that uses schema {@code id}. */
    public List<RegisteredSchema> usages(int id) {
        return versionsBySubject.values().stream().flatMap(List::stream).filter(v -> v.id() == id)
                .sorted(Comparator.comparing(RegisteredSchema::subject).thenComparingInt(RegisteredSchema::version))
                .toList();
    }

    /** Why {@code candidate} cannot be registered under {@code subject} at its level; empty if it can. */
    public List<String> incompatibilities(String subject, Schema candidate) {
        List<Schema> previous = versionsBySubject.getOrDefault(subject, List.of()).stream().map(RegisteredSchema::schema).toList();
        return compatibility(subject).incompatibilities(candidate, previous);
    }

    /** Why {@code candidate} is not compatible with one given version, in the subject level's direction(s). */
    public List<String> incompatibilities(String subject, Schema candidate, int version) {
        return compatibility(subject).incompatibilities(candidate, List.of(version(subject, version).schema()));
    }

    /** Schemas are the same if their normalized JSON is: whitespace and key order do not matter, docs and defaults do. */
    private static String canonicalForm(Schema schema) {
        return schema.toString();
    }
}
