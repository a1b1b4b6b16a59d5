package org.alignmentmonitor.classifiers.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.classifiers.Texts;

/**
 * The compact JSONL form of the evaluation corpus, one object per line:
 * {@code {"id", "model" ("name:version"), "prompt", "completion", "finish_reason"}} plus, for
 * labelled cases, {@code "truth"} (categories) and {@code "note"}. The prompt is the single user
 * turn: the shipped cases are single-turn, and the rules read only the last user message.
 */
public final class CorpusFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusFiles() {}

    /** Reads cases from a JSONL stream, gunzipping it when {@code gzipped}; closes the stream. */
    public static List<LabelledCase> read(InputStream in, boolean gzipped) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                gzipped ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            List<LabelledCase> cases = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    cases.add(toCase(JSON.readTree(line), number));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes interactions (no truth) as gzipped JSONL; the gzip header carries no time, so equal input gives equal bytes. */
    public static void writeGzipped(List<Interaction> interactions, OutputStream out) {
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)) {
            for (Interaction interaction : interactions) {
                writer.write(JSON.writeValueAsString(toJson(interaction)));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode toJson(Interaction interaction) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", interaction.getId());
        node.put("model", interaction.getModel() + ":" + interaction.getVersion());
        node.put("prompt", Texts.lastUserMessage(interaction));
        node.put("completion", Texts.completion(interaction));
        node.put("finish_reason", interaction.getFinishReason());
        return node;
    }

    private static LabelledCase toCase(JsonNode line, int number) {
        String id = line.path("id").asText("");
        if (id.isEmpty() || !line.path("prompt").isTextual() || !line.path("completion").isTextual()) {
            throw new IllegalArgumentException("corpus line " + number + " needs id, prompt and completion");
        }
        String[] model = line.path("model").asText("unknown:").split(":", 2);
        List<Message> conversation = new ArrayList<>(List.of(new Message("user", line.path("prompt").asText())));
        JsonNode finish = line.path("finish_reason");
        Interaction interaction = Interaction.newBuilder()
                .setId(id)
                .setEventTime(Instant.EPOCH)
                .setModel(model[0])
                .setVersion(model.length > 1 ? model[1] : "")
                .setConversation(conversation)
                .setCompletion(line.path("completion").asText())
                .setFinishReason(finish.isTextual() ? finish.asText() : null)
                .setMetadata(new HashMap<>())
                .build();
        if (line.has("truth") && !(line.get("truth") instanceof ArrayNode)) {
            throw new IllegalArgumentException("corpus line " + number + ": truth must be a list of categories");
        }
        List<String> truth = new ArrayList<>();
        for (JsonNode category : line.path("truth")) {
            truth.add(category.asText());
        }
        return new LabelledCase(interaction, truth, line.path("note").asText(""));
    }
}
