package org.alignmentmonitor.monitor.review;

import static org.alignmentmonitor.review.render.SafeMarkdown.escape;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.quality.GoldAccuracy;
import org.alignmentmonitor.review.quality.QualityReport;
import org.alignmentmonitor.review.queue.AdjudicationCase;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.render.SafeMarkdown;
import org.alignmentmonitor.monitor.access.ReviewUser;

/**
 * Server-rendered pages. Every dynamic value goes through {@code escape} or {@link SafeMarkdown}; no inline script or
 * style, so the Content-Security-Policy can forbid both.
 */
final class Pages {

    private Pages() {
    }

    record Viewer(ReviewUser user, String csrf) {
    }

    static String login(String message) {
        return layout("Log in", null, """
                <h1>Review: log in</h1>
                %s
                <form method="post" action="/review/login" class="login">
                  <label for="token">Access token</label>
                  <input type="password" id="token" name="token" autocomplete="off" maxlength="256" required autofocus>
                  <button type="submit" id="login-button">Log in</button>
                </form>""".formatted(message == null ? "" : "<p class=\"error\">" + escape(message) + "</p>"));
    }

    static String error(Viewer viewer, int status, String message) {
        return layout("Error " + status, viewer, "<h1>" + status + "</h1><p class=\"error\">" + escape(message) + "</p>"
                + "<p><a href=\"/review\">Back to the queue</a></p>");
    }

    static String queue(Viewer viewer, int waiting, long myLastDay, String notice) {
        return layout("Queue", viewer, """
                <h1>Review queue</h1>
                %s
                <p>Items waiting: <strong id="waiting">%d</strong>. Your labels in the last 24 hours: <strong>%d</strong>.</p>
                <form method="post" action="/review/next">%s
                  <button type="submit" id="next-button" class="primary">Next item <kbd>n</kbd></button>
                </form>
                <p class="hint">On an item: <kbd>1</kbd> MISALIGNED, <kbd>2</kbd> ALIGNED, <kbd>3</kbd> AMBIGUOUS.
                Read the <a href="/review/manual">labelling manual</a> first.</p>"""
                .formatted(notice == null ? "" : "<p class=\"notice\" id=\"notice\">" + escape(notice) + "</p>", waiting, myLastDay,
                        csrfField(viewer)));
    }

    static String item(Viewer viewer, ItemView view, LabellingManual manual) {
        ReviewContent c = view.content();
        StringBuilder turns = new StringBuilder();
        int lastUser = c.lastUserTurn();
        for (int i = 0; i < c.conversation().size(); i++) {
            ReviewContent.Turn t = c.conversation().get(i);
            List<ReviewContent.Evidence> spans = i == lastUser ? c.evidence().stream().filter(ReviewContent.Evidence::inPrompt).toList() : List.of();
            turns.append("<div class=\"turn\"><div class=\"role\">").append(escape(t.role())).append("</div><pre class=\"text\">")
                    .append(Highlighter.html(t.text(), spans)).append("</pre></div>\n");
        }
        List<ReviewContent.Evidence> completionSpans = c.evidence().stream().filter(e -> !e.inPrompt()).toList();
        String scores = c.scores().stream().map(s -> "<tr><td>" + escape(s.classifierId()) + "</td><td>" + String.format(Locale.ROOT, "%.2f", s.score())
                + "</td><td>" + (s.flagged() ? "flagged" : "") + "</td><td>" + escape(String.join(", ", s.categories())) + "</td></tr>")
                .collect(Collectors.joining("\n"));
        String mine = view.mine().map(l -> "<p class=\"notice\" id=\"mine\">Your current label: <strong>" + l.judgment()
                + "</strong>. Submitting again corrects it; the earlier label is kept in the history.</p>").orElse("");
        String lead = view.openCase().map(k -> "<p class=\"notice\">Adjudication: " + escape(k.reasons().toString())
                + ". Your label decides the item.</p>").orElse("") + (view.history().isEmpty() ? "" : history(view.history()));
        return layout("Item", viewer, """
                <h1>Item <code>%s</code></h1>
                %s%s
                <section><h2>Conversation</h2>%s</section>
                <section><h2>Completion</h2>
                  <p class="hint">Shown as plain text; rule evidence is <mark class="evidence">highlighted</mark> (hover for the reason).</p>
                  <pre class="text" id="completion">%s</pre>
                  <details><summary>Completion as formatted Markdown</summary><div class="markdown" id="completion-rendered">%s</div></details>
                </section>
                <section><h2>Classifiers</h2><table><tr><th>classifier</th><th>score</th><th></th><th>categories</th></tr>%s</table></section>
                <section><h2>Your label</h2>
                <form method="post" action="/review/item/%s/label" id="label-form">%s
                  <div class="labels">
                    <button type="submit" name="label" value="MISALIGNED" id="label-MISALIGNED"><kbd>1</kbd> MISALIGNED</button>
                    <button type="submit" name="label" value="ALIGNED" id="label-ALIGNED"><kbd>2</kbd> ALIGNED</button>
                    <button type="submit" name="label" value="AMBIGUOUS" id="label-AMBIGUOUS"><kbd>3</kbd> AMBIGUOUS</button>
                  </div>
                  <fieldset><legend>Categories</legend>%s</fieldset>
                  <label for="note">Note</label>
                  <textarea id="note" name="note" maxlength="%d" rows="3"></textarea>
                  <p class="hint">Labelling manual version <strong id="manual-version">%s</strong> is recorded with your label.
                  <a href="/review/manual" target="_blank" rel="noopener">Open the manual</a>.</p>
                </form></section>"""
                .formatted(escape(view.itemId()), mine, lead, turns, Highlighter.html(c.completion(), completionSpans),
                        SafeMarkdown.render(c.completion()), scores, escape(view.itemId()), csrfField(viewer),
                        categories(manual.categories(), view.mine().map(LabelEvent::categories).orElse(List.of())),
                        LabelForm.MAX_NOTE, escape(manual.version())));
    }

    private static String categories(List<String> all, List<String> checked) {
        return all.stream().map(c -> "<label class=\"category\"><input type=\"checkbox\" name=\"category\" value=\"" + escape(c) + "\""
                + (checked.contains(c) ? " checked" : "") + "> " + escape(c) + "</label>").collect(Collectors.joining("\n"));
    }

    private static String history(List<LabelEvent> events) {
        return "<h2>Labels so far</h2><table id=\"history\"><tr><th>when</th><th>who</th><th>label</th><th>categories</th><th>note</th><th>manual</th></tr>"
                + events.stream().map(e -> "<tr><td>" + Instant.ofEpochMilli(e.labelledAt()) + "</td><td>" + escape(e.labeller()) + "</td><td>"
                + e.judgment() + "</td><td>" + escape(String.join(", ", e.categories())) + "</td><td>" + escape(e.note()) + "</td><td>"
                + escape(e.manualVersion()) + "</td></tr>").collect(Collectors.joining()) + "</table>";
    }

    static String manual(Viewer viewer, LabellingManual manual) {
        return layout("Labelling manual", viewer, "<article class=\"markdown\" id=\"manual\">" + SafeMarkdown.render(manual.body()) + "</article>");
    }

    static String lead(Viewer viewer, QualityReport r) {
        String gold = r.gold().stream().map(Pages::goldRow).collect(Collectors.joining());
        String byCategory = r.alphaByCategory().entrySet().stream().map(e -> "<tr><td>" + escape(e.getKey()) + "</td><td>" + num(e.getValue())
                + "</td></tr>").collect(Collectors.joining());
        String throughput = r.throughput().lastDayByLabeller().entrySet().stream().map(e -> "<tr><td>" + escape(e.getKey()) + "</td><td>"
                + e.getValue() + "</td></tr>").collect(Collectors.joining());
        return layout("Labelling quality", viewer, """
                <h1>Labelling quality</h1>
                <p><a href="/api/v1/review/quality">JSON</a> · <a href="/review/adjudication">Adjudication queue (%d)</a></p>
                <table id="quality">
                <tr><th>Krippendorff's alpha (nominal, 3 labels)</th><td id="alpha">%s</td></tr>
                <tr><th>Positive-specific agreement on MISALIGNED</th><td>%s</td></tr>
                <tr><th>Items with two or more labels</th><td>%d</td></tr>
                <tr><th>Queue depth / oldest waiting</th><td>%d / %s</td></tr>
                <tr><th>Leased now</th><td>%d</td></tr>
                <tr><th>Labels in the last hour / day</th><td>%d / %d</td></tr>
                </table>
                <h2>Alpha per category</h2><table>%s</table>
                <h2>Accuracy on gold items (95%% Clopper-Pearson)</h2>
                <table><tr><th>labeller</th><th>correct / total</th><th>accuracy</th><th>interval</th></tr>%s</table>
                <h2>Labels per labeller, last 24 hours</h2><table>%s</table>"""
                .formatted(r.openAdjudications(), num(r.alpha()), num(r.positiveAgreement()), r.itemsWithOverlap(), r.queueDepth(),
                        age(r.oldestWaitingAgeMs()), r.leased(), r.throughput().lastHour(), r.throughput().lastDay(), byCategory, gold,
                        throughput));
    }

    private static String goldRow(GoldAccuracy g) {
        return "<tr><td>" + escape(g.labeller()) + "</td><td>" + g.correct() + " / " + g.total() + "</td><td>" + num(g.accuracy())
                + "</td><td>[" + num(g.lower()) + ", " + num(g.upper()) + "]</td></tr>";
    }

    static String cases(Viewer viewer, List<AdjudicationCase> cases) {
        String rows = cases.stream().map(k -> "<tr><td><a href=\"/review/item/" + escape(k.itemId()) + "\">" + escape(k.itemId())
                + "</a></td><td>" + escape(k.reasons().toString()) + "</td><td>" + escape(k.labels().stream()
                .map(l -> l.labeller() + ": " + l.judgment()).collect(Collectors.joining(", "))) + "</td></tr>").collect(Collectors.joining());
        return layout("Adjudication", viewer, "<h1>Adjudication queue</h1><table id=\"cases\"><tr><th>item</th><th>why</th><th>labels</th></tr>"
                + rows + "</table>");
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x);
    }

    private static String age(long ms) {
        return ms < 60_000 ? (ms / 1000) + " s" : ms < 3_600_000 ? (ms / 60_000) + " min" : (ms / 3_600_000) + " h";
    }

    private static String csrfField(Viewer viewer) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(viewer.csrf()) + "\">";
    }

    private static String layout(String title, Viewer viewer, String body) {
        String nav = viewer == null ? "" : "<nav><a href=\"/review\">Queue</a> <a href=\"/review/manual\">Manual</a> "
                + (viewer.user().lead() ? "<a href=\"/review/lead\">Quality</a> <a href=\"/review/adjudication\">Adjudication</a> " : "")
                + "<span class=\"who\">" + escape(viewer.user().name()) + " (" + viewer.user().role().name().toLowerCase(Locale.ROOT) + ")</span>"
                + "<form method=\"post\" action=\"/review/logout\" class=\"inline\">" + csrfField(viewer)
                + "<button type=\"submit\">Log out</button></form></nav>";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · alignment-monitor review</title>
                <link rel="stylesheet" href="/review/static/review.css"><script src="/review/static/review.js" defer></script>
                </head><body><header>%s</header><main>
                %s
                </main></body></html>""".formatted(escape(title), nav, body);
    }
}
