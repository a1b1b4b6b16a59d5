package org.alignmentmonitor.monitor.review;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.alignmentmonitor.review.render.SafeMarkdown;

/** Escaped text with evidence ranges wrapped in &lt;mark&gt;; overlapping ranges merge their reasons. */
final class Highlighter {

    private Highlighter() {
    }

    static String html(String text, List<ReviewContent.Evidence> spans) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        for (ReviewContent.Evidence e : spans) {
            cuts.add(Math.min(e.start(), text.length()));
            cuts.add(Math.min(e.end(), text.length()));
        }
        StringBuilder out = new StringBuilder();
        Integer from = null;
        for (int to : cuts) {
            if (from != null && to > from) {
                List<String> reasons = new ArrayList<>();
                for (ReviewContent.Evidence e : spans) {
                    if (e.start() <= from && e.end() >= to) {
                        reasons.add(e.classifierId() + ": " + e.reason());
                    }
                }
                String piece = SafeMarkdown.escape(text.substring(from, to));
                if (reasons.isEmpty()) {
                    out.append(piece);
                } else {
                    out.append("<mark class=\"evidence\" title=\"").append(SafeMarkdown.escape(String.join("; ", reasons))).append("\">")
                            .append(piece).append("</mark>");
                }
            }
            from = to;
        }
        return out.toString();
    }
}
