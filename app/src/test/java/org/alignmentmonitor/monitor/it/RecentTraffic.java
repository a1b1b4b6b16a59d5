package org.alignmentmonitor.monitor.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Shipped traffic moved in time so its last line is now: judgments are stamped with the wall clock and
 * count only within the 30-day label horizon of their interaction, so the sample's fixed times (October
 * 2026) would make a test that counts judgments fail on any later date.
 */
final class RecentTraffic {

    private RecentTraffic() {
    }

    /** The first {@code maxLines} lines of {@code file}, shifted to end now, written to {@code target}. */
    static Path endingNow(Path file, int maxLines, Path target) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (lines.size() < maxLines && !line.isBlank()) {
                lines.add((ObjectNode) json.readTree(line));
            }
        }
        long last = lines.stream().mapToLong(l -> l.path("response").path("created").asLong()).max().orElseThrow();
        long shift = Instant.now().getEpochSecond() - last;
        List<String> shifted = new ArrayList<>();
        for (ObjectNode line : lines) {
            ObjectNode response = (ObjectNode) line.path("response");
            response.put("created", response.path("created").asLong() + shift);
            shifted.add(json.writeValueAsString(line));
        }
        return Files.write(target, shifted, StandardCharsets.UTF_8);
    }
}
