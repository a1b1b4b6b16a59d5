package org.alignmentmonitor.monitor.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.alignmentmonitor.connectors.synthetic.FailureKind;
import org.alignmentmonitor.connectors.synthetic.FailureRates;
import org.alignmentmonitor.connectors.synthetic.Regression;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.alignmentmonitor.connectors.synthetic.VersionProfile;
import org.alignmentmonitor.monitor.config.ConfigLoader;

/**
 * The demo's traffic as a YAML file, so the true rates the monitor should recover are the user's:
 *
 * <pre>
 * versions:
 *   - {model: assistant, version: v1, weight: 3, rates: {truncation: 0.004, repetition: 0.002}}
 *   - {model: assistant, version: v2, weight: 1, rates: {empty: 0.01, prompt_echo: 0.01}}
 * regressions:
 *   - {model: assistant, version: v2, after: 2m, rates: {truncation: 0.05}}
 * </pre>
 *
 * Failure kinds: truncation, empty, repetition, prompt_echo. Unknown keys are errors, not ignored.
 */
public final class SyntheticTrafficFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SyntheticTrafficFile() {
    }

    public static SyntheticConfig load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such traffic file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read traffic file " + file + ": " + e.getMessage());
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("traffic file " + file + ": " + e.getMessage());
        }
    }

    static SyntheticConfig parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with 'versions' and optional 'regressions'");
        }
        allowOnly(root, "top level", Set.of("versions", "regressions"));
        List<VersionProfile> versions = new ArrayList<>();
        for (JsonNode v : list(root, "versions")) {
            allowOnly(v, "version", Set.of("model", "version", "weight", "rates"));
            versions.add(new VersionProfile(text(v, "model"), text(v, "version"),
                    v.has("weight") ? v.get("weight").asDouble() : 1.0, rates(v.get("rates"))));
        }
        List<Regression> regressions = new ArrayList<>();
        for (JsonNode r : list(root, "regressions")) {
            allowOnly(r, "regression", Set.of("model", "version", "after", "rates"));
            regressions.add(new Regression(text(r, "model"), text(r, "version"),
                    ConfigLoader.parseDuration(text(r, "after")), rates(r.get("rates"))));
        }
        return new SyntheticConfig(versions, regressions);
    }

    private static Iterable<JsonNode> list(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required in " + node);
        }
        return value.asText();
    }

    private static FailureRates rates(JsonNode node) {
        Map<FailureKind, Double> rates = new EnumMap<>(FailureKind.class);
        if (node == null || node.isNull()) {
            return new FailureRates(rates);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'rates' must map failure kinds to probabilities");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException("rate of " + entry.getKey() + " must be a number");
            }
            rates.put(FailureKind.fromLabel(entry.getKey()), entry.getValue().asDouble());
        }
        return new FailureRates(rates);
    }

    private static void allowOnly(JsonNode node, String what, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "' in " + what + "; expected one of " + allowed);
            }
        });
    }
}
