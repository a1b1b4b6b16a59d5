package org.alignmentmonitor.connectors;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Finds log files and streams their lines.
 *
 * <p>Files are read line by line, never whole, and every line is held to {@code maxLineChars + 1}
 * characters: a longer line is cut there (the rest is read and dropped), so a size check downstream
 * still sees it as too long while memory stays bounded however big the line is.
 */
public final class LogFiles {

    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    private static final List<String> LOG_SUFFIXES = List.of(".jsonl", ".json", ".jsonl.gz", ".json.gz");

    private LogFiles() {
    }

    /**
     * Expands files and directories into a sorted, duplicate-free list of files. Directories are
     * walked recursively for {@code .jsonl}/{@code .json} files, optionally gzip-compressed
     * ({@code .gz}), skipping hidden ones; a file named explicitly is taken whatever its name.
     *
     * @throws NoSuchFileException when an argument does not exist
     */
    public static List<Path> expand(Collection<Path> arguments) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    walk.filter(Files::isRegularFile).filter(LogFiles::isLogFileName)
                            .forEach(p -> files.add(p.normalize()));
                }
            } else if (Files.isRegularFile(argument)) {
                files.add(argument.normalize());
            } else {
                throw new NoSuchFileException(argument.toString(), null, "no such file or directory");
            }
        }
        return List.copyOf(new ArrayList<>(files));
    }

    /** The non-blank lines of {@code files}, in order; close the stream to release the open file. */
    public static Stream<LogLine> lines(List<Path> files, int maxLineChars) {
        return files.stream().flatMap(file -> lines(file, maxLineChars));
    }

    /** The non-blank lines of one file, gunzipped when its name ends in {@code .gz}. */
    public static Stream<LogLine> lines(Path file, int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("maxLineChars must be positive: " + maxLineChars);
        }
        BoundedLineReader reader;
        try {
            reader = new BoundedLineReader(open(file), maxLineChars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        String source = file.toString();
        Spliterator<LogLine> lines = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private long lineNumber;

            @Override
            public boolean tryAdvance(Consumer<? super LogLine> action) {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        lineNumber++;
                        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                            text = text.substring(1);
                        }
                        if (!text.isBlank()) {
                            action.accept(new LogLine(source, lineNumber, text));
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + source + " after line " + lineNumber, e);
                }
            }
        };
        return StreamSupport.stream(lines, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + source, e);
            }
        });
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        // The decoder replaces malformed UTF-8 rather than failing: the parser then rejects that one line.
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static boolean isLogFileName(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && LOG_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
