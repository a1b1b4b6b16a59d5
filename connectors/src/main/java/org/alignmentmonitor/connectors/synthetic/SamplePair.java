package org.alignmentmonitor.connectors.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real prompt and a good answer to it, from the bundled {@code samples.jsonl} (see
 * {@code samples-NOTICE.txt} beside it for where they come from).
 */
public record SamplePair(String prompt, String completion) {

    static final String RESOURCE = "samples.jsonl";

    /** The bundled pairs, read once. */
    public static List<SamplePair> bundled() {
        return Bundled.PAIRS;
    }

    private static final class Bundled {
        static final List<SamplePair> PAIRS = load();

        private static List<SamplePair> load() {
            ObjectMapper mapper = new ObjectMapper();
            List<SamplePair> pairs = new ArrayList<>();
            try (InputStream in = SamplePair.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled resource " + RESOURCE + " is missing");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    JsonNode node = mapper.readTree(line);
                    pairs.add(new SamplePair(node.get("prompt").textValue(), node.get("completion").textValue()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
            }
            return List.copyOf(pairs);
        }
    }
}
