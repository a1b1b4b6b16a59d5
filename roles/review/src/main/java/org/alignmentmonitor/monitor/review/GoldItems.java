package org.alignmentmonitor.monitor.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.review.queue.Judgment;

/**
 * Gold items: interactions with a known answer, mixed into labellers' queues to measure their accuracy. They never
 * enter the stream; labels on them go to the labels topic with task id "gold:&lt;id&gt;", which the stream skips and the
 * queue replays. JSON: {@code [{"id", "answer", "conversation": [{"role", "content"}], "completion"}]}. Give them
 * ids that look like ordinary interaction ids: the id appears in the item's URL.
 */
public final class GoldItems {

    private static final String BUNDLED = "/review/gold-demo.json";
    private static final int MAX_ITEMS = 10_000;

    public record GoldItem(CatalogEntry entry, Judgment answer) {
    }

    private GoldItems() {
    }

    public static List<GoldItem> load(Path file) {
        try (InputStream in = file == null ? GoldItems.class.getResourceAsStream(BUNDLED) : Files.newInputStream(file)) {
            if (in == null) {
                throw new IllegalStateException("bundled gold items missing: " + BUNDLED);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read gold items " + (file == null ? BUNDLED : file) + ": " + e.getMessage(), e);
        }
    }

    static List<GoldItem> parse(JsonNode root) {
        if (!root.isArray() || root.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("gold items must be a JSON array of at most " + MAX_ITEMS + " items");
        }
        List<GoldItem> out = new ArrayList<>();
        for (JsonNode n : root) {
            String id = n.path("id").asText();
            if (!ReviewIds.valid(id)) {
                throw new IllegalArgumentException("gold item id '" + id + "' is not a valid item id");
            }
            List<ReviewContent.Turn> turns = new ArrayList<>();
            n.path("conversation").forEach(m -> turns.add(new ReviewContent.Turn(m.path("role").asText("user"), m.path("content").asText())));
            ReviewContent content = new ReviewContent(turns, n.path("completion").asText(), List.of(), List.of());
            out.add(new GoldItem(new CatalogEntry(id, "gold:" + id, "gold", "gold", 0L, 1.0, content),
                    Judgment.valueOf(n.path("answer").asText())));
        }
        return out;
    }
}
