package org.alignmentmonitor.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    public RuleFile {
        rules = List.copyOf(rules);
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
