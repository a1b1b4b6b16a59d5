package org.alignmentmonitor.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A versioned set of alert rules:
 *
 * <pre>
 * version: "2026-11-22"
 * rules:
 *   - id: assistant-flagged
 *     model: assistant
 *     version: "v*"
 *     kind: threshold
 *     series: flagged
 *     window: 1h
 *     threshold: 0.02
 *     sustainedFor: 5m
 *     severity: critical
 * </pre>
 *
 * See docs/alerting.md for every field.
 */
public record RuleFile(String version, List<AlertRule> rules) {

    /** No rules: nothing is ever evaluated. */
    public static final RuleFile NONE = new RuleFile("none", List.of());

    public RuleFile {
        rules = List.copyOf(rules);
    }

    /** The bundled rules that go with {@code ./monitor demo}'s synthetic traffic. */
    public static RuleFile demo() {
        try (InputStream in = RuleFile.class.getResourceAsStream("/alert-rules/demo.yaml")) {
            return RuleFileParser.parse(new String(Objects.requireNonNull(in, "demo rules missing").readAllBytes(), StandardCharsets.UTF_8),
                    "bundled demo rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws RuleFileException listing every problem, each naming the rule and the field */
    public static RuleFile parse(String yaml) {
        return RuleFileParser.parse(yaml, "rule file");
    }

    /** @throws RuleFileException listing every problem; @throws UncheckedIOException when the file cannot be read */
    public static RuleFile load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
        return RuleFileParser.parse(yaml, "rule file " + file);
    }

    /** The window lengths the rules read: the caller produces one observation per version for each. */
    public Set<Duration> windows() {
        Set<Duration> windows = new TreeSet<>();
        rules.forEach(rule -> windows.add(rule.window()));
        return windows;
    }
}
