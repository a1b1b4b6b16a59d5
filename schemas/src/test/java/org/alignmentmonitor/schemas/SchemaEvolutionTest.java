package org.alignmentmonitor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the data already in Kafka: every schema in the working tree must read what every committed
 * version of it wrote (BACKWARD), fields added later need defaults, and every field is documented.
 */
class SchemaEvolutionTest {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolutionTest.class);
    /** Relative to the module directory, where Maven runs the tests. */
    private static final String AVRO_DIR = "src/main/avro";

    private static Map<String, Schema> current;
    private final Map<String, Optional<Map<String, Schema>>> commits = new HashMap<>();

    @BeforeAll
    static void parseWorkingTree() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(AVRO_DIR))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        current = parseTogether(sources);
        assertThat(current).isNotEmpty();
    }

    @Test
    void everyFieldHasADoc() {
        List<String> undocumented = new ArrayList<>();
        current.forEach((file, schema) -> ownRecords(file, schema).values().forEach(record ->
                record.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
                        .forEach(f -> undocumented.add(file + ": " + record.getName() + "." + f.name()))));

        assertThat(undocumented).as("fields without a \"doc\"").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everySchemaReadsDataWrittenWithEachCommittedVersion() {
        assumeGit();
        return current.keySet().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            List<String> problems = new ArrayList<>();
            for (String commit : history(file)) {
                committedSchema(commit, file).ifPresent(old -> {
                    var pair = SchemaCompatibility.checkReaderWriterCompatibility(current.get(file), old);
                    CompatibilityLevel.describe(pair, "cannot read data written with the version of " + abbreviate(commit))
                            .forEach(problems::add);
                });
            }
            assertThat(problems).as(file + " must stay BACKWARD compatible with every committed version").isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> fieldsAddedAfterTheFirstCommittedVersionHaveDefaults() {
        assumeGit();
        return current.keySet().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            List<String> commits = history(file);
            Optional<Schema> first = commits.isEmpty() ? Optional.empty() : committedSchema(commits.get(commits.size() - 1), file);
            if (first.isEmpty()) {
                return;
            }
            Map<String, Schema> firstRecords = ownRecords(file, first.get());
            List<String> missingDefaults = new ArrayList<>();
            ownRecords(file, current.get(file)).forEach((name, record) -> {
                Schema original = firstRecords.get(name);
                if (original == null) {
                    return;
                }
                for (Schema.Field field : record.getFields()) {
                    boolean added = original.getField(field.name()) == null
                            && field.aliases().stream().allMatch(alias -> original.getField(alias) == null);
                    if (added && !field.hasDefaultValue()) {
                        missingDefaults.add(record.getName() + "." + field.name());
                    }
                }
            });
            assertThat(missingDefaults).as(file + ": fields added after the first committed version need a default").isEmpty();
        }));
    }

    /**
     * Records a file defines itself: reachable from its schema, minus the top-level types of other
     * files (those are checked with their own file's history).
     */
    private static Map<String, Schema> ownRecords(String file, Schema schema) {
        Set<String> otherFilesTypes = new java.util.HashSet<>();
        current.forEach((other, s) -> {
            if (!other.equals(file)) {
                otherFilesTypes.add(s.getFullName());
            }
        });
        Map<String, Schema> records = new LinkedHashMap<>();
        collectRecords(schema, records, otherFilesTypes);
        return records;
    }

    private static void collectRecords(Schema schema, Map<String, Schema> records, Set<String> excluded) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!excluded.contains(schema.getFullName()) && records.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collectRecords(f.schema(), records, excluded));
                }
            }
            case ARRAY -> collectRecords(schema.getElementType(), records, excluded);
            case MAP -> collectRecords(schema.getValueType(), records, excluded);
            case UNION -> schema.getTypes().forEach(t -> collectRecords(t, records, excluded));
            default -> {
            }
        }
    }

    /** Parses files that refer to each other's types by name; Avro's SchemaParser resolves them in any order. */
    private static Map<String, Schema> parseTogether(Map<String, String> sources) {
        SchemaParser parser = new SchemaParser();
        Map<String, SchemaParser.ParseResult> parsed = new TreeMap<>();
        sources.forEach((file, text) -> parsed.put(file, parser.parse(text)));
        Map<String, Schema> schemas = new TreeMap<>();
        parsed.forEach((file, result) -> schemas.put(file, parser.resolve(result)));
        return schemas;
    }

    /** Commits that changed {@code file}, newest first. */
    private static List<String> history(String file) throws IOException {
        String log = git("log", "--format=%H", "--", AVRO_DIR + "/" + file);
        return log.isBlank() ? List.of() : List.of(log.trim().split("\\s+"));
    }

    /** The file's schema as of {@code commit}, parsed with the other schema files of that commit. */
    private Optional<Schema> committedSchema(String commit, String file) throws IOException {
        if (!commits.containsKey(commit)) {
            Map<String, String> sources = new TreeMap<>();
            for (String path : git("ls-tree", "--name-only", commit, "--", AVRO_DIR + "/").split("\\n")) {
                if (path.endsWith(".avsc")) {
                    sources.put(Path.of(path).getFileName().toString(), git("show", commit + ":./" + path));
                }
            }
            try {
                commits.put(commit, Optional.of(parseTogether(sources)));
            } catch (RuntimeException e) {
                // Nothing can have been written with schemas that never parsed.
                LOG.warn("Skipping commit {}: its schema files do not parse ({})", abbreviate(commit), e.getMessage());
                commits.put(commit, Optional.empty());
            }
        }
        return commits.get(commit).map(schemas -> schemas.get(file));
    }

    private static void assumeGit() {
        String inside;
        try {
            inside = git("rev-parse", "--is-inside-work-tree").trim();
        } catch (IOException e) {
            inside = e.getMessage();
        }
        assumeTrue(inside.equals("true"), "git history unavailable, schema evolution not checked: " + inside);
    }

    private static String git(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for git", e);
        }
        return output;
    }

    private static String abbreviate(String commit) {
        return commit.substring(0, Math.min(10, commit.length()));
    }
}
