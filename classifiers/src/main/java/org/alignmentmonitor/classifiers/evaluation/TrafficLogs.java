package org.alignmentmonitor.classifiers.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;

/**
 * Reads replayed OpenAI chat-completions logs: one {@code {"request", "response", "metadata"}}
 * object per line, the model as {@code name:version}. Only what the rules need is kept; the
 * connectors module has the full, validating parser for the stream.
 */
public final class TrafficLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficLogs() {}

    /** The {@code *.jsonl} and {@code *.jsonl.gz} files of a directory, by name. */
    public static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> isLog(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every interaction of every file of the directory whose model is {@code name:version}, in file order. */
    public static List<Interaction> readModel(Path directory, String modelVersion) {
        List<Interaction> matching = new ArrayList<>();
        for (Path file : files(directory)) {
            for (Interaction interaction : read(file)) {
                if (modelVersion.equals(interaction.getModel() + ":" + interaction.getVersion())) {
                    matching.add(interaction);
                }
            }
        }
        return matching;
    }

    /** The interactions of one log, gunzipped when its name ends in {@code .gz}. */
    public static List<Interaction> read(Path file) {
        try (BufferedReader reader = open(file)) {
            List<Interaction> interactions = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    interactions.add(toInteraction(JSON.readTree(line)));
                }
            }
            return interactions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text reader of the file, gunzipped when its name ends in {@code .gz}. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            InputStream content = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isLog(String name) {
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
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
