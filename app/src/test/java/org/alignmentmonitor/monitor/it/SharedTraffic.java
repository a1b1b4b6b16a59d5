package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The real traffic sample (7 versions x 805 lines) shipped gzipped in the repository's
 * {@code testdata/traffic}, found through the system property {@code testdata.dir} (set by the
 * parent pom). It is unpacked once into {@code target/testdata/traffic} as plain {@code .jsonl}, so
 * callers may read the files as text as well as replay them.
 */
final class SharedTraffic {

    static final int LINES_PER_FILE = 805;
    static final int VERSIONS = 7;

    private static final Path SOURCE = Path.of(System.getProperty("testdata.dir", "../testdata"), "traffic");
    private static final Path UNPACKED = Path.of("target", "testdata", "traffic");

    private SharedTraffic() {
    }

    /** The folder of the unpacked {@code .jsonl} files; fails, never skips, when the test data is missing. */
    static synchronized Path dir() {
        try (Stream<Path> packed = Files.list(SOURCE)) {
            List<Path> archives = packed.filter(f -> f.toString().endsWith(".jsonl.gz")).toList();
            if (archives.size() != VERSIONS) {
                throw new IllegalStateException("expected " + VERSIONS + " logs in " + SOURCE.toAbsolutePath() + ", found " + archives);
            }
            Files.createDirectories(UNPACKED);
            for (Path archive : archives) {
                unpack(archive, UNPACKED.resolve(archive.getFileName().toString().replaceFirst("\\.gz$", "")));
            }
            return UNPACKED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the test traffic of " + SOURCE.toAbsolutePath(), e);
        }
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static void unpack(Path archive, Path target) throws IOException {
        if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(archive)) >= 0) {
            return;
        }
        // Through a temporary file, so a concurrent JVM never replays half a file.
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
