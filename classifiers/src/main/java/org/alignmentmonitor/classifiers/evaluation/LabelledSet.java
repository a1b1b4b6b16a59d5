package org.alignmentmonitor.classifiers.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;

/**
 * Reads a split of the labelled set: one JSON object per line, as written by {@code testdata/labelled/draw_sample.py}
 * (dev, test) and {@code merge_holdout.py} (holdout), and the double-labelled items of a split, if any.
 */
public final class LabelledSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledSet() {}

    /** The items of {@code <directory>/<split>.jsonl}, in file order. */
    public static List<LabelledItem> split(Path directory, String split) {
        return read(directory.resolve(split + ".jsonl"));
    }

    /**
     * How two labellers agreed on the items of {@code <directory>/<split>-second.jsonl} (each line: {@code id}, and the
     * two passes' {@code first.label} and {@code second.label}); empty when the split has no such file.
     */
    public static Optional<Agreement> agreement(Path directory, String split) {
        Path file = directory.resolve(split + "-second.jsonl");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<Label> first = new ArrayList<>();
            List<Label> second = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    first.add(Label.valueOf(row.path("first").path("label").asText()));
                    second.add(Label.valueOf(row.path("second").path("label").asText()));
                }
            }
            return Optional.of(Agreement.of(first, second));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LabelledItem> read(Path file) {
        try {
            List<LabelledItem> items = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    items.add(parse(JSON.readTree(line)));
                }
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelledItem parse(JsonNode row) {
        Set<String> categories = new LinkedHashSet<>();
        row.path("categories").forEach(category -> categories.add(category.asText()));
        JsonNode finish = row.path("finish_reason");
        return new LabelledItem(row.path("id").asText(), row.path("model").asText(), row.path("prompt").asText(),
                row.path("completion").asText(""), finish.isNull() || finish.isMissingNode() ? null : finish.asText(),
                Label.valueOf(row.path("label").asText()), categories, row.path("note").asText(""));
    }
}
