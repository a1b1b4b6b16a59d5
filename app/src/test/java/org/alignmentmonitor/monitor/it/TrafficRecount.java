package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The expected answer, counted without the product: interactions per {@code model:version} in
 * OpenAI JSONL logs, the version taken from the model string after its last colon.
 */
final class TrafficRecount {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficRecount() {
    }

    static Map<String, Long> perVersion(List<Path> files) {
        Map<String, Long> counts = new TreeMap<>();
        for (Path file : files) {
            try (var lines = Files.lines(file)) {
                lines.filter(line -> !line.isBlank()).forEach(line -> counts.merge(versionOf(line), 1L, Long::sum));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    static String versionOf(String line) {
        try {
            JsonNode record = JSON.readTree(line);
            String model = record.path("request").path("model").asText(record.path("response").path("model").asText());
            return model.contains(":") ? model : model + ":unversioned";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON log line: " + line, e);
        }
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
