package org.alignmentmonitor.monitor.review;

import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.review.redaction.Redacted;
import org.alignmentmonitor.review.redaction.Redactor;
import org.alignmentmonitor.review.redaction.TextSpan;

/** Redacts every text of an item and moves the evidence spans with it, so highlights still cover what they did. */
final class ContentRedaction {

    private ContentRedaction() {
    }

    static ReviewContent apply(ReviewContent content) {
        int lastUser = content.lastUserTurn();
        List<ReviewContent.Turn> turns = new ArrayList<>();
        Redacted prompt = null;
        for (int i = 0; i < content.conversation().size(); i++) {
            ReviewContent.Turn t = content.conversation().get(i);
            Redacted r = Redactor.redact(t.text());
            prompt = i == lastUser ? r : prompt;
            turns.add(new ReviewContent.Turn(t.role(), r.text()));
        }
        Redacted completion = Redactor.redact(content.completion());
        List<ReviewContent.Evidence> evidence = new ArrayList<>();
        for (ReviewContent.Evidence e : content.evidence()) {
            Redacted target = e.inPrompt() ? prompt : completion;
            String original = e.inPrompt() ? (lastUser < 0 ? "" : content.conversation().get(lastUser).text()) : content.completion();
            if (target == null || e.start() < 0 || e.end() > original.length() || e.start() > e.end()) {
                continue; // evidence that does not fit its text is dropped rather than mis-highlighted
            }
            TextSpan span = target.map(new TextSpan(e.start(), e.end()));
            evidence.add(new ReviewContent.Evidence(e.inPrompt(), span.start(), span.end(), e.reason(), e.classifierId()));
        }
        return new ReviewContent(turns, completion.text(), evidence, content.scores());
    }
}
