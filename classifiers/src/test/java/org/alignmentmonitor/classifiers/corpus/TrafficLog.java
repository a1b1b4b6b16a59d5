package org.alignmentmonitor.classifiers.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/**
 * Reads the replayed OpenAI chat-completions logs under {@code ${shared.dir}/data}: one
 * {"request", "response", "metadata"} object per line.
 */
final class TrafficLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficLog() {}

    /** The shared data folder; skips the calling test when it is not there. */
    static Path dataDir() {
        String shared = System.getProperty("shared.dir");
        assumeTrue(shared != null, "system property shared.dir is not set");
        Path data = Path.of(shared, "data");
        assumeTrue(Files.isDirectory(data.resolve("traffic")), "no traffic data under " + data);
        return data;
    }

    static List<Path> trafficFiles() {
        try (Stream<Path> files = Files.list(dataDir().resolve("traffic"))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Interaction> read(Path file) {
        try {
            List<Interaction> interactions = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    interactions.add(toInteraction(JSON.readTree(line)));
                }
            }
            return interactions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Interaction toInteraction(JsonNode line) {
        JsonNode request = line.path("request");
        JsonNode response = line.path("response");
        JsonNode choice = response.path("choices").path(0);
        String[] modelVersion = response.path("model").asText(request.path("model").asText()).split(":", 2);
        List<Message> conversation = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            conversation.add(new Message(message.path("role").asText(), message.path("content").asText()));
        }
        Map<String, String> metadata = new HashMap<>();
        line.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return Interaction.newBuilder()
                .setId(response.path("id").asText())
                .setEventTime(Instant.ofEpochSecond(response.path("created").asLong()))
                .setModel(modelVersion[0])
                .setVersion(modelVersion.length > 1 ? modelVersion[1] : "")
                .setConversation(conversation)
                .setCompletion(choice.path("message").path("content").asText(""))
                .setFinishReason(choice.path("finish_reason").isNull() ? null : choice.path("finish_reason").asText())
                .setMetadata(metadata)
                .build();
    }
}
