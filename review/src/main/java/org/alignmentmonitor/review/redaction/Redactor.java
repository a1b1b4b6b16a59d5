package org.alignmentmonitor.review.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/** Replaces personal data and secrets with placeholders before a text reaches a labeller. Stateless and thread-safe. */
public final class Redactor {

    private Redactor() {
    }

    public static Redacted redact(String text) {
        List<Hit> hits = new ArrayList<>();
        for (PiiKind kind : PiiKind.values()) {
            Matcher m = kind.pattern().matcher(text);
            while (m.find()) {
                if (kind.valid(m.group())) {
                    hits.add(new Hit(kind, m.start(), m.end()));
                }
            }
        }
        // Leftmost first, then longest, then the earlier kind; overlapping later hits are dropped.
        hits.sort(Comparator.comparingInt(Hit::start).thenComparing(Comparator.comparingInt(Hit::end).reversed())
                .thenComparing(Hit::kind));
        StringBuilder out = new StringBuilder(text.length());
        List<Redacted.Replacement> replacements = new ArrayList<>();
        int copied = 0;
        for (Hit h : hits) {
            if (h.start() < copied) {
                continue;
            }
            out.append(text, copied, h.start());
            int newStart = out.length();
            out.append(h.kind().replacement());
            replacements.add(new Redacted.Replacement(h.kind(), h.start(), h.end(), newStart, out.length()));
            copied = h.end();
        }
        out.append(text, copied, text.length());
        return new Redacted(out.toString(), replacements);
    }

    private record Hit(PiiKind kind, int start, int end) {
    }
}
