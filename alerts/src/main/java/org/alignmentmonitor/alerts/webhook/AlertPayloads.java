package org.alignmentmonitor.alerts.webhook;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;

/** Webhook bodies for an alert event, and the event's stable id. */
public final class AlertPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertPayloads() {}

    /**
     * Identifies one state change of one alert. The engine is deterministic, so re-evaluating the same
     * observation after a restart gives the same id, and receivers can drop duplicates by it.
     */
    public static String eventId(Alert alert) {
        return alert.getAlertId() + "/" + alert.getState() + "/" + alert.getAt().toEpochMilli();
    }

    static String body(WebhookFormat format, Alert alert) {
        return (format == WebhookFormat.SLACK ? slack(alert) : generic(alert)).toString();
    }

    /** Every field of the alert, instants as ISO-8601 text, plus the event id. */
    static ObjectNode generic(Alert alert) {
        ObjectNode body = JSON.createObjectNode()
                .put("eventId", eventId(alert))
                .put("alertId", alert.getAlertId())
                .put("state", alert.getState().name())
                .put("ruleId", alert.getRuleId())
                .put("ruleVersion", alert.getRuleVersion())
                .put("model", alert.getModel())
                .put("version", alert.getVersion())
                .put("severity", alert.getSeverity())
                .put("windowStart", alert.getWindowStart().toString())
                .put("windowEnd", alert.getWindowEnd().toString())
                .put("interactions", alert.getInteractions())
                .put("flagged", alert.getFlagged())
                .put("estimate", alert.getEstimate())
                .put("lower", alert.getLower())
                .put("upper", alert.getUpper())
                .put("message", alert.getMessage())
                .put("at", alert.getAt().toString());
        // Null rather than absent: a receiver's schema can then require the field.
        return alert.getThreshold() == null ? body.putNull("threshold") : body.put("threshold", alert.getThreshold());
    }

    /** A Slack incoming-webhook message: {@code text} is the notification fallback, {@code blocks} the layout. */
    static ObjectNode slack(Alert alert) {
        boolean firing = alert.getState() == AlertState.FIRING;
        String title = (firing ? ":rotating_light: FIRING" : ":white_check_mark: RESOLVED") + " ["
                + alert.getSeverity().toUpperCase(Locale.ROOT) + "] " + alert.getRuleId() + " on "
                + alert.getModel() + ":" + alert.getVersion();
        ObjectNode body = JSON.createObjectNode().put("text", title + ": " + alert.getMessage());
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain(title));
        blocks.addObject().put("type", "section").set("text", markdown(alert.getMessage()));
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        fields.add(markdown(String.format(Locale.ROOT, "*Estimate*\n%.4f", alert.getEstimate())));
        fields.add(markdown(String.format(Locale.ROOT, "*Interval*\n[%.4f, %.4f]", alert.getLower(), alert.getUpper())));
        fields.add(markdown("*Window*\n" + alert.getWindowStart() + " – " + alert.getWindowEnd()));
        fields.add(markdown("*Traffic*\n" + alert.getInteractions() + " interactions, " + alert.getFlagged() + " flagged"));
        blocks.addObject().put("type", "context").putArray("elements")
                .add(markdown("rules " + alert.getRuleVersion() + " · event " + eventId(alert)));
        return body;
    }

    private static ObjectNode plain(String text) {
        // Slack limits header text to 150 characters.
        return JSON.createObjectNode().put("type", "plain_text").put("text", text.length() > 150 ? text.substring(0, 150) : text);
    }

    private static ObjectNode markdown(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }
}
