package org.alignmentmonitor.monitor.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real traffic sample in ../shared/data/traffic; tests that need it skip where it is absent. */
final class SharedTraffic {

    static final int LINES_PER_FILE = 805;
    static final int VERSIONS = 7;

    private SharedTraffic() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("shared.dir", "../shared")).resolve("data/traffic");
        assumeTrue(Files.isDirectory(dir), "shared traffic sample not found at " + dir);
        return dir;
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
