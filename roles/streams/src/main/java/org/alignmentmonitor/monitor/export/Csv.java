package org.alignmentmonitor.monitor.export;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines: fields with commas, quotes or line breaks are quoted, quotes doubled. */
final class Csv {

    private Csv() {
    }

    static String line(List<?> cells) {
        return cells.stream().map(c -> field(String.valueOf(c))).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
