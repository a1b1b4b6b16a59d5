package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command as a user runs it, in its own JVM: killed with SIGKILL while the stream is still
 * working through its input, then run again on the same data directory, local state kept. The second
 * run sends every line again, so an interaction counted twice or a dedup entry lost shows in the counts.
 */
class ReplayCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSIONS = 4;
    private static final int LINES_PER_VERSION = 1500;

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryInteractionExactlyOnceWhenAReplayIsKilledAndRunAgain() throws Exception {
        List<Path> files = writeTraffic();
        Map<String, Long> offline = offlineCounts(files);
        List<String> args = new ArrayList<>(List.of("replay", "--data-dir", tmp.resolve("data").toString(), "--json"));
        files.forEach(f -> args.add(f.toString()));

        Process first = ChildMonitor.start(tmp.resolve("first.out"), tmp.resolve("first.err"), args);
        awaitLine(tmp.resolve("first.err"), "replayed", first);
        Thread.sleep(300);
        first.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, no commit, no checkpoint
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = ChildMonitor.start(tmp.resolve("second.out"), tmp.resolve("second.err"), args);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second replay finished").isTrue();
        assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.err"))).isZero();

        JsonNode summary = JSON.readTree(tmp.resolve("second.out").toFile());
        Map<String, Long> counts = new HashMap<>();
        summary.get("versions").forEach(v -> counts.put(v.get("model").asText() + ":" + v.get("version").asText(),
                v.get("interactions").asLong()));
        assertThat(counts).isEqualTo(offline);
        summary.get("deadLetters").forEach(n -> assertThat(n.asLong()).isZero());
    }

    /** One log file per version, every interaction with its own id. */
    private List<Path> writeTraffic() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < LINES_PER_VERSION; i++) {
                lines.add(line("crash-test:v" + v, "chatcmpl-crash-" + v + "-" + i, 1_793_000_000L + i,
                        "Question " + i + ": what is " + i + " plus " + v + "?", "It is " + (i + v) + ", as " + i + " + " + v + " = " + (i + v) + "."));
            }
            Path file = tmp.resolve("traffic-" + v + ".jsonl");
            Files.write(file, lines, StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    private static String line(String model, String id, long created, String prompt, String answer) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode request = record.putObject("request").put("model", model);
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        ObjectNode response = record.putObject("response").put("id", id).put("object", "chat.completion")
                .put("created", created).put("model", model);
        response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", answer);
        return record.toString();
    }

    /** Distinct interaction ids per model:version, read back from the files the replay was given. */
    private static Map<String, Long> offlineCounts(List<Path> files) throws IOException {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                JsonNode response = JSON.readTree(line).get("response");
                ids.computeIfAbsent(response.get("model").asText(), k -> new HashSet<>()).add(response.get("id").asText());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        ids.forEach((version, set) -> counts.put(version, (long) set.size()));
        return counts;
    }

    private static void awaitLine(Path file, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("child exited early: " + Files.readString(file));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' not printed within 3 minutes");
    }
}
