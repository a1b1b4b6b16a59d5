package org.alignmentmonitor.simulation;

import java.util.ArrayList;
import java.util.List;

/** A Markdown pipe table, built row by row. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        line(sb, header.stream().map(h -> "---").toList());
        rows.forEach(r -> line(sb, r));
        return sb.append('\n').toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
