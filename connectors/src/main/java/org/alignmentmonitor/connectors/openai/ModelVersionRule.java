package org.alignmentmonitor.connectors.openai;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a log record names its model version. Labs encode it differently: in the model string
 * ({@code llama-2-chat:13b}), in a metadata field, or in a naming scheme only a regex captures.
 */
public sealed interface ModelVersionRule {

    /** Version given to a model string without a {@code :} under {@link ModelString}. */
    String UNVERSIONED = "unversioned";

    /**
     * Derives the model version from the record's model string ({@code request.model}, else
     * {@code response.model}) and its metadata.
     *
     * @throws InvalidRecordException when the record does not carry what this rule needs
     */
    ModelVersion derive(String modelString, Map<String, String> metadata);

    /** The spec string this rule was parsed from. */
    String spec();

    /** The default: {@code model:version} split on the last colon. */
    static ModelVersionRule defaultRule() {
        return new ModelString();
    }

    /**
     * Parses {@code model-string}, {@code metadata:<field>} or {@code regex:<pattern>} (with named
     * groups {@code model} and {@code version}).
     *
     * @throws IllegalArgumentException with the accepted forms, for any other spec
     */
    static ModelVersionRule parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.equals(ModelString.SPEC)) {
            return new ModelString();
        }
        if (spec.startsWith(MetadataField.PREFIX)) {
            return new MetadataField(spec.substring(MetadataField.PREFIX.length()));
        }
        if (spec.startsWith(RegexGroups.PREFIX)) {
            return new RegexGroups(spec.substring(RegexGroups.PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown model version rule '" + spec
                + "': expected 'model-string', 'metadata:<field>' or 'regex:<pattern with (?<model>...) and (?<version>...)>'");
    }

    /** Splits on the last {@code :}, so model names may themselves contain colons. */
    record ModelString() implements ModelVersionRule {
        static final String SPEC = "model-string";

        @Override
        public ModelVersion derive(String modelString, Map<String, String> metadata) {
            int colon = modelString.lastIndexOf(':');
            if (colon < 0) {
                return new ModelVersion(modelString, UNVERSIONED);
            }
            String model = modelString.substring(0, colon);
            String version = modelString.substring(colon + 1);
            if (model.isEmpty() || version.isEmpty()) {
                throw new InvalidRecordException("model string '" + modelString + "' has an empty model or version");
            }
            return new ModelVersion(model, version);
        }

        @Override
        public String spec() {
            return SPEC;
        }
    }

    /** The version is a metadata field; the whole model string is the model. */
    record MetadataField(String field) implements ModelVersionRule {
        static final String PREFIX = "metadata:";

        public MetadataField {
            if (field.isBlank()) {
                throw new IllegalArgumentException("model version rule 'metadata:' needs a field name, e.g. metadata:model_version");
            }
        }

        @Override
        public ModelVersion derive(String modelString, Map<String, String> metadata) {
            String version = metadata.get(field);
            if (version == null || version.isEmpty()) {
                throw new InvalidRecordException("missing metadata." + field + " (model version rule " + spec() + ")");
            }
            return new ModelVersion(modelString, version);
        }

        @Override
        public String spec() {
            return PREFIX + field;
        }
    }

    /** Both parts come from named groups of a regex that must match the whole model string. */
    record RegexGroups(Pattern pattern) implements ModelVersionRule {
        static final String PREFIX = "regex:";

        public RegexGroups {
            for (String group : new String[] {"model", "version"}) {
                if (!pattern.pattern().contains("(?<" + group + ">")) {
                    throw new IllegalArgumentException("model version rule regex '" + pattern.pattern()
                            + "' has no named group (?<" + group + ">...)");
                }
            }
        }

        RegexGroups(String regex) {
            this(compile(regex));
        }

        private static Pattern compile(String regex) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("model version rule regex is invalid: " + e.getMessage(), e);
            }
        }

        @Override
        public ModelVersion derive(String modelString, Map<String, String> metadata) {
            Matcher matcher = pattern.matcher(modelString);
            if (!matcher.matches()) {
                throw new InvalidRecordException("model string '" + modelString + "' does not match " + spec());
            }
            String model = matcher.group("model");
            String version = matcher.group("version");
            if (model == null || model.isEmpty() || version == null || version.isEmpty()) {
                throw new InvalidRecordException("model string '" + modelString + "' gives an empty model or version under " + spec());
            }
            return new ModelVersion(model, version);
        }

        @Override
        public String spec() {
            return PREFIX + pattern.pattern();
        }
    }
}
