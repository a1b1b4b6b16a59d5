package org.alignmentmonitor.monitor.certificates;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.review.render.SafeMarkdown;

/**
 * A printable page of a sealed certificate. Every value comes from the document and is escaped
 * (model and version names are caller-supplied); the page says how to check it, since the page
 * itself proves nothing: the JSON and its signature do.
 */
public final class CertificateHtml {

    private CertificateHtml() {}

    public static String render(JsonNode doc) {
        JsonNode c = doc.path("certificate");
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Certificate ").append(e(c.path("id").asText())).append("</title>")
                .append("<style>body{font:14px/1.45 system-ui,sans-serif;max-width:52em;margin:2em auto;color:#111}")
                .append("table{border-collapse:collapse;width:100%;margin:.6em 0}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}")
                .append("th{background:#f2f2f2;width:32%}.decision{font-size:1.4em;font-weight:600}code{word-break:break-all}")
                .append("@media print{body{margin:0}}</style></head><body>\n");
        h.append("<h1>Certificate: ").append(e(subject(c))).append("</h1>\n");
        h.append("<p class=\"decision\">").append(e(c.path("decision").asText())).append("</p>\n");
        h.append("<p>").append(e(c.path("claim").path("statement").asText())).append("</p>\n");
        if (c.has("moreLabelsNeeded")) {
            h.append("<p>About ").append(e(c.path("moreLabelsNeeded").asText()))
                    .append(" more labels would decide it if the rate stays where it is.</p>\n");
        }
        if (c.has("moreRunsNeeded")) {
            h.append("<p>About ").append(e(c.path("moreRunsNeeded").asText()))
                    .append(" more counted runs without a failure would certify it.</p>\n");
        }
        section(h, "Claim", c.path("claim"));
        // The type's figures: its plain values in one table, then each object as a table and each list
        // (a process's runs, its assumptions) as a table with a row per element.
        JsonNode body = c.path(c.path("type").asText());
        if (body.isObject()) {
            ObjectNode values = JsonNodeFactory.instance.objectNode();
            body.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    values.set(f.getKey(), f.getValue());
                }
            });
            if (!values.isEmpty()) {
                section(h, c.path("type").asText(), values);
            }
            body.fields().forEachRemaining(f -> {
                if (f.getValue().isObject()) {
                    section(h, f.getKey(), f.getValue());
                } else if (f.getValue().isArray()) {
                    rows(h, f.getKey(), f.getValue());
                }
            });
        }
        section(h, "Provenance", c.path("provenance"));
        h.append("<h2>Seal</h2><table>")
                .append(row("id", c.path("id").asText()))
                .append(row("issued at", c.path("issuedAt").asText()))
                .append(row("content digest (SHA-256)", doc.path("digest").asText()))
                .append(row("signature", doc.path("signature").path("algorithm").asText() + " " + doc.path("signature").path("value").asText()))
                .append(row("public key (X.509, base64)", doc.path("signature").path("publicKey").asText()))
                .append("</table>\n<p>This page is a rendering. To check the certificate, verify its JSON offline: ")
                .append("<code>./monitor verify-certificate certificate.json --public-key monitor-public-key.pem</code>.</p>\n")
                .append("</body></html>\n");
        return h.toString();
    }

    /** "model:version" of a rate certificate, "process ID" of a process certificate. */
    public static String subject(JsonNode certificate) {
        JsonNode s = certificate.path("subject");
        return s.has("processId") ? "process " + s.path("processId").asText()
                : s.path("model").asText() + ":" + s.path("version").asText();
    }

    private static void section(StringBuilder h, String title, JsonNode node) {
        h.append("<h2>").append(e(title)).append("</h2><table>");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            h.append(row(f.getKey(), v.isValueNode() ? v.asText() : v.toString()));
        }
        h.append("</table>\n");
    }

    private static void rows(StringBuilder h, String title, JsonNode list) {
        h.append("<h2>").append(e(title)).append("</h2><table>");
        JsonNode first = list.path(0);
        if (first.isObject()) {
            h.append("<tr>");
            first.fieldNames().forEachRemaining(name -> h.append("<th>").append(e(name)).append("</th>"));
            h.append("</tr>");
        }
        for (JsonNode item : list) {
            h.append("<tr>");
            if (item.isObject()) {
                item.fields().forEachRemaining(f -> h.append("<td>").append(e(f.getValue().asText())).append("</td>"));
            } else {
                h.append("<td>").append(e(item.isValueNode() ? item.asText() : item.toString())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static String row(String key, String value) {
        return "<tr><th>" + e(key) + "</th><td><code>" + e(value) + "</code></td></tr>";
    }

    private static String e(String text) {
        return SafeMarkdown.escape(text);
    }
}
