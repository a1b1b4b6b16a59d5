package org.alignmentmonitor.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a rule file into {@link AlertRule}s, collecting every problem instead of stopping at the
 * first, so one edit-and-retry fixes the whole file.
 */
final class RuleFileParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("version", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("id", "model", "version", "kind", "series", "window",
            "threshold", "margin", "alpha", "minInteractions", "minLabels", "sustainedFor", "severity", "description");

    private final List<String> errors = new ArrayList<>();

    private RuleFileParser() {}

    static RuleFile parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new RuleFileException(source, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        return new RuleFileParser().file(root, source);
    }

    private RuleFile file(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new RuleFileException(source, List.of("expected a mapping with 'version' and 'rules'"));
        }
        unknownFields(root, TOP_LEVEL, "top level");
        JsonNode versionNode = root.get("version");
        String version = "";
        if (versionNode == null || !versionNode.isValueNode() || versionNode.asText().isBlank()) {
            errors.add("top level: 'version' is required: a string naming this revision of the rules");
        } else {
            version = versionNode.asText();
        }
        List<AlertRule> rules = new ArrayList<>();
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray()) {
            errors.add("top level: 'rules' is required: a list of rules");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                AlertRule rule = new RuleReader(i, list.get(i)).read();
                if (rule != null && !ids.add(rule.id())) {
                    errors.add("rules[" + i + "] (id '" + rule.id() + "'): id: duplicate of an earlier rule");
                }
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleFileException(source, errors);
        }
        return new RuleFile(version, rules);
    }

    private void unknownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(where + ": unknown field '" + name + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** Reads one rule; returns null when it has errors (they are already recorded). */
    private final class RuleReader {

        private final JsonNode node;
        private final String where;
        private final int errorsBefore = errors.size();

        RuleReader(int index, JsonNode node) {
            this.node = node;
            JsonNode id = node == null ? null : node.get("id");
            this.where = "rules[" + index + "]" + (id != null && id.isTextual() ? " (id '" + id.asText() + "')" : "");
        }

        AlertRule read() {
            if (node == null || !node.isObject()) {
                errors.add(where + ": expected a mapping of rule fields");
                return null;
            }
            unknownFields(node, RULE_FIELDS, where);
            String id = text("id", null);
            Glob model = value("model", Glob.ANY, n -> Glob.compile(n.asText()));
            Glob version = value("version", Glob.ANY, n -> Glob.compile(n.asText()));
            RuleKind kind = choice("kind", null, RuleKind.class);
            Series series = value("series", null, n -> series(n.asText()));
            Duration window = duration("window", null, false);
            double alpha = rate("alpha", AlertRule.DEFAULT_ALPHA, false);
            double threshold = Double.NaN;
            double margin = 0;
            if (kind == RuleKind.THRESHOLD) {
                threshold = rate("threshold", null, false);
                forbidden("margin", "threshold");
            } else if (kind == RuleKind.REGRESSION) {
                margin = rate("margin", 0.0, true);
                forbidden("threshold", "regression");
            }
            long minInteractions = count("minInteractions");
            long minLabels = count("minLabels");
            Duration sustainedFor = duration("sustainedFor", Duration.ZERO, true);
            Severity severity = choice("severity", Severity.WARNING, Severity.class);
            String description = text("description", "");
            if (errors.size() > errorsBefore) {
                return null;
            }
            return new AlertRule(id, model, version, kind, series, window, threshold, margin, alpha,
                    minInteractions, minLabels, sustainedFor, severity, description);
        }

        /**
         * The field converted by {@code convert}, or {@code fallback} when absent (an error when the
         * fallback is null: the field is required). Conversion failures are recorded with their reason.
         */
        private <T> T value(String field, T fallback, Function<JsonNode, T> convert) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    errors.add(where + ": " + field + ": is required");
                }
                return fallback;
            }
            if (!value.isValueNode()) {
                errors.add(where + ": " + field + ": expected a single value, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
                return fallback;
            }
            try {
                return convert.apply(value);
            } catch (IllegalArgumentException e) {
                errors.add(where + ": " + field + ": " + e.getMessage());
                return fallback;
            }
        }

        private String text(String field, String fallback) {
            return value(field, fallback, n -> {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw new IllegalArgumentException("expected a non-empty string, got '" + n.asText() + "'");
                }
                return n.asText();
            });
        }

        private <E extends Enum<E>> E choice(String field, E fallback, Class<E> type) {
            return value(field, fallback, n -> {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(n.asText())) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("unknown value '" + n.asText() + "' (expected one of "
                        + names(type.getEnumConstants()) + ")");
            });
        }

        private Series series(String text) {
            for (Series series : Series.values()) {
                if (series.yamlName().equals(text)) {
                    return series;
                }
            }
            throw new IllegalArgumentException("unknown series '" + text + "' (expected flagged, misaligned_low or misaligned_high)");
        }

        private Duration duration(String field, Duration fallback, boolean zeroAllowed) {
            return value(field, fallback, n -> {
                Duration duration = Durations.parse(n.asText());
                if (!zeroAllowed && duration.isZero()) {
                    throw new IllegalArgumentException("must be longer than 0");
                }
                return duration;
            });
        }

        /** A rate in (0, 1), or [0, 1) when zero is allowed. */
        private double rate(String field, Double fallback, boolean zeroAllowed) {
            Double rate = value(field, fallback, n -> {
                if (!n.isNumber()) {
                    throw new IllegalArgumentException("expected a number, got '" + n.asText() + "'");
                }
                double x = n.asDouble();
                if (!((zeroAllowed ? x >= 0 : x > 0) && x < 1)) {
                    throw new IllegalArgumentException("must be in " + (zeroAllowed ? "[0, 1)" : "(0, 1)") + ", got " + n.asText());
                }
                return x;
            });
            return rate == null ? Double.NaN : rate;
        }

        private long count(String field) {
            return value(field, 0L, n -> {
                if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
                    throw new IllegalArgumentException("expected a whole number >= 0, got '" + n.asText() + "'");
                }
                return n.asLong();
            });
        }

        private void forbidden(String field, String kind) {
            if (node.has(field)) {
                errors.add(where + ": " + field + ": not used by " + kind + " rules");
            }
        }
    }

    private static String names(Enum<?>[] constants) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : constants) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }
}
