package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command as a user runs it, in its own JVM: killed with SIGKILL mid-way, then run again. */
class ReplayCrashIT {

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryInteractionExactlyOnceWhenAReplayIsKilledAndRunAgain() throws Exception {
        Path dataDir = tmp.resolve("data");
        List<String> args = new ArrayList<>(List.of("replay", "--data-dir", dataDir.toString(), "--json"));
        SharedTraffic.files().forEach(f -> args.add(f.toString()));

        Process first = ChildMonitor.start(tmp.resolve("first.out"), tmp.resolve("first.err"), args);
        awaitLine(tmp.resolve("first.err"), "replayed", first);
        Thread.sleep(300);
        first.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, no commit
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = ChildMonitor.start(tmp.resolve("second.out"), tmp.resolve("second.err"), args);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second replay finished").isTrue();
        assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.err"))).isZero();

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("second.out").toFile());
        Map<String, Long> counts = new HashMap<>();
        summary.get("versions").forEach(v -> counts.put(v.get("model").asText() + ":" + v.get("version").asText(),
                v.get("interactions").asLong()));
        assertThat(counts).hasSize(SharedTraffic.VERSIONS);
        assertThat(counts.values()).containsOnly((long) SharedTraffic.LINES_PER_FILE);
        summary.get("deadLetters").forEach(n -> assertThat(n.asLong()).isZero());
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
