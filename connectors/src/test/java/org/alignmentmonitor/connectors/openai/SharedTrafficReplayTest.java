package org.alignmentmonitor.connectors.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays the real sample traffic shipped gzipped in testdata/traffic. */
class SharedTrafficReplayTest {

    private static final Logger log = LoggerFactory.getLogger(SharedTrafficReplayTest.class);

    /** The gzipped logs shipped in the repository's test data (system property {@code testdata.dir}, set by the parent pom). */
    private static Path trafficDir() {
        Path dir = Path.of(System.getProperty("testdata.dir", "../testdata"), "traffic");
        assertThat(dir).as("test data shipped in the repository").isDirectory();
        return dir;
    }

    @Test
    void everySampleLineBecomesAnInteraction() throws IOException {
        Map<String, Integer> perVersion = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        List<String> rejections = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(Interaction interaction) {
                perVersion.merge(interaction.getModel() + ":" + interaction.getVersion(), 1, Integer::sum);
                ids.add(interaction.getId());
                assertThat(interaction.getConversation()).isNotEmpty();
                assertThat(interaction.getCompletion()).isNotBlank();
            }

            @Override
            public void reject(LogLine line, String reason) {
                rejections.add(line.location() + ": " + reason);
            }
        };

        long start = System.nanoTime();
        ReplayStats stats = new ReplaySource(new OpenAiLogParser()).replay(List.of(trafficDir()), sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info("Replayed {} lines in {} s ({} lines/s, cold JVM)", stats.lines(), seconds, (long) (stats.lines() / seconds));

        assertThat(rejections).isEmpty();
        assertThat(perVersion).hasSize(7).allSatisfy((version, count) -> assertThat(count).as(version).isEqualTo(805));
        assertThat(perVersion).containsKeys("alpaca:7b", "gpt-4-turbo:1106-preview", "llama-2-chat:13b", "vicuna-7b:v1.5");
        assertThat(ids).hasSize(7 * 805);
        assertThat(stats).isEqualTo(new ReplayStats(7 * 805, 7 * 805, 0));
    }
}
