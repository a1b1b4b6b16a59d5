package org.alignmentmonitor.alerts.webhook;

/** The body an endpoint expects. */
public enum WebhookFormat {
    /** Every field of the alert as one flat JSON object. */
    GENERIC,
    /** A Slack incoming-webhook message: {@code text} plus Block Kit {@code blocks}. */
    SLACK
}
