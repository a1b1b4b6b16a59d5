package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code monitor run} in a child JVM against a broker and registry the test owns, so the test can
 * kill it with SIGKILL while the cluster lives on. Each start logs to its own files under {@code logDir}.
 */
final class ChildRun {

    private final Process process;
    private final MonitorHttp http;
    private final Path stderr;

    private ChildRun(Process process, int httpPort, Path stderr) {
        this.process = process;
        this.http = new MonitorHttp(httpPort);
        this.stderr = stderr;
    }

    static ChildRun start(Path logDir, String name, Path dataDir, int httpPort, Map<String, String> settings) throws IOException {
        Files.createDirectories(logDir);
        List<String> args = new ArrayList<>(List.of("run", "--data-dir", dataDir.toString(), "--http-port", String.valueOf(httpPort)));
        settings.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
        Path stderr = logDir.resolve(name + ".err");
        return new ChildRun(ChildMonitor.start(logDir.resolve(name + ".out"), stderr, args), httpPort, stderr);
    }

    /** Settings of a monitor on an external cluster, tuned for quick test commits and a quick takeover after a crash. */
    static Map<String, String> onCluster(String bootstrapServers, String registryUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("schema.registry.url", registryUrl);
        settings.put("monitor.streams.commit.interval", "200ms");
        settings.put("monitor.flush.interval", "200ms");
        // As the embedded default does: a crashed member's partitions move after 10 s, not 45 s.
        settings.put("consumer.session.timeout.ms", "10000");
        return settings;
    }

    /** Waits until {@code /ready} answers 200 (Streams RUNNING); fails at once if the child died. */
    void awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            requireAlive();
            assertThat(readyStatus()).as("GET /ready").isEqualTo(200);
        });
    }

    /** "model:version" -> interactions, or an empty map while the API is not up yet. */
    Map<String, Long> counts() {
        try {
            MonitorHttp.Response response = http.get("/api/v1/versions");
            Map<String, Long> counts = new HashMap<>();
            if (response.status() == 200) {
                for (JsonNode v : response.body().path("versions")) {
                    counts.put(v.path("model").asText() + ":" + v.path("version").asText(), v.path("interactions").asLong());
                }
            }
            return counts;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link ClusterProbe#awaitCaughtUp} that gives up at once, with the child's log, if the child dies meanwhile. */
    void awaitCaughtUp(ClusterProbe probe, Map<TopicPartition, Long> targets, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireAlive();
            try {
                probe.awaitCaughtUp(targets, Duration.ofSeconds(10));
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("monitor not caught up with " + targets + " within " + timeout + ":\n" + tail(log()), notYet);
                }
            }
        }
    }

    long total() {
        return TrafficRecount.total(counts());
    }

    /** SIGKILL: no shutdown hook, no flush, no commit, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed child exited").isTrue();
    }

    /** SIGTERM: the shutdown hook closes the monitor cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("monitor child exited with " + process.exitValue() + ":\n" + tail(log()));
        }
    }

    /** {@code GET /health} as "status streams-state", or why it could not be read. */
    String health() {
        try {
            MonitorHttp.Response response = http.get("/health");
            return response.status() + " " + response.body().path("streams").asText();
        } catch (Exception e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        }
    }

    boolean isReady() throws Exception {
        return readyStatus() == 200;
    }

    private int readyStatus() throws Exception {
        try {
            return http.get("/ready").status();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
