package org.alignmentmonitor.classifiers.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;

/** The replayed OpenAI chat-completions logs under {@code ${shared.dir}/data}, read by {@link TrafficLogs}. */
final class TrafficLog {

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
        return TrafficLogs.files(dataDir().resolve("traffic"));
    }

    static List<Interaction> read(Path file) {
        return TrafficLogs.read(file);
    }
}
