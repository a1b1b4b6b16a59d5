package org.alignmentmonitor.connectors;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads {@code \n} or {@code \r\n} terminated lines, keeping at most {@code maxChars + 1} characters
 * of each: unlike {@link java.io.BufferedReader#readLine()}, a line with no end in sight cannot
 * exhaust the heap.
 */
final class BoundedLineReader implements Closeable {

    private final Reader in;
    private final int keep;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.keep = maxChars + 1;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String readLine() throws IOException {
        line.setLength(0);
        long length = 0;
        char last = 0;
        boolean started = false;
        while (true) {
            if (position >= limit) {
                limit = Math.max(in.read(buffer), 0);
                position = 0;
                if (limit == 0) {
                    return started ? finish(length, last) : null;
                }
            }
            started = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if (count > 0) {
                int room = keep - line.length();
                if (room > 0) {
                    line.append(buffer, start, Math.min(count, room));
                }
                length += count;
                last = buffer[position - 1];
            }
            if (position < limit) {
                position++;
                return finish(length, last);
            }
        }
    }

    private String finish(long length, char last) {
        if (last == '\r' && line.length() >= length) {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
