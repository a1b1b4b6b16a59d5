package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command as a user runs it, in its own JVM: killed with SIGKILL mid-way, then run again. */
class ReplayCrashIT {

    private static final Pattern BROKER_PORT = Pattern.compile("Embedded Kafka broker on \\[PLAINTEXT://127\\.0\\.0\\.1:(\\d+)");
    private static final String APPLICATION_ID = "alignment-monitor";
    private static final String INTERACTIONS = "interactions";

    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryInteractionExactlyOnceWhenAReplayIsKilledAndRunAgain() throws Exception {
        Path dataDir = tmp.resolve("data");
        List<String> args = new ArrayList<>(List.of("replay", "--data-dir", dataDir.toString(), "--json"));
        SharedTraffic.files().forEach(f -> args.add(f.toString()));

        // INFO logging prints the embedded broker's port, so the test can watch the first run's progress.
        Process first = ChildMonitor.start(tmp.resolve("first.out"), tmp.resolve("first.err"), args,
                Map.of("MONITOR_LOG_LEVEL", "INFO"));
        String bootstrap = "127.0.0.1:" + awaitLine(tmp.resolve("first.err"), BROKER_PORT, first).group(1);
        awaitLine(tmp.resolve("first.err"), Pattern.compile("replayed \\d+ lines"), first);
        awaitSomeInputCommitted(bootstrap);
        first.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, no commit
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = ChildMonitor.start(tmp.resolve("second.out"), tmp.resolve("second.err"), args);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second replay finished").isTrue();
        String secondLog = Files.readString(tmp.resolve("second.err"));
        assertThat(second.exitValue()).as(secondLog).isZero();

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("second.out").toFile());
        Map<String, Long> counts = new HashMap<>();
        summary.path("versions").forEach(v -> counts.put(v.path("model").asText() + ":" + v.path("version").asText(),
                v.path("interactions").asLong()));
        assertThat(counts).hasSize(SharedTraffic.VERSIONS);
        assertThat(counts.values()).containsOnly((long) SharedTraffic.LINES_PER_FILE);
        summary.path("deadLetters").forEach(n -> assertThat(n.asLong()).isZero());
    }

    /** The first match of {@code pattern} in the child's output; fails if the child exits or 3 minutes pass first. */
    private static Matcher awaitLine(Path file, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(Files.exists(file) ? Files.readString(file) : "");
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError("child exited early: " + Files.readString(file));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + pattern + "' not printed within 3 minutes");
    }

    /** Kill only once the streams application has committed part of the input: a crash with work both done and pending. */
    private static void awaitSomeInputCommitted(String bootstrap) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(committedInput(admin)).as("interactions committed by the first run").isPositive());
        }
    }

    private static long committedInput(Admin admin) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The group may not exist yet: a state to wait out, not an error.
            throw new AssertionError("committed offsets not readable yet: " + e.getMessage(), e);
        }
        return committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(INTERACTIONS) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
