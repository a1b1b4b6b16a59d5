package org.alignmentmonitor.classifiers.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped tab-separated statistics shipped beside these classes. */
final class Resources {

    private Resources() {}

    /** The lines of resource {@code name}, split on tabs; lines starting with '#' are kept whole. */
    static List<String[]> rows(String name) {
        try (InputStream raw = Resources.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + Resources.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.startsWith("#") ? new String[] {line} : line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
