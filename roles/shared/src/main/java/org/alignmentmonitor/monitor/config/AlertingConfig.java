package org.alignmentmonitor.monitor.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.alerts.webhook.WebhookFormat;

/**
 * Alert rules and where alert events are delivered.
 *
 * @param rules         "demo" for the bundled demo rules, a YAML file path, or empty for none
 * @param webhookUrls   receivers of every FIRING and RESOLVED event
 * @param webhookFormat body format for those receivers
 * @param webhookSecret HMAC key for the signature header (empty: events are sent unsigned)
 * @param demoReceiver  also deliver to the product's own /demo/webhook receiver, so the demo shows the loop
 */
public record AlertingConfig(String rules, List<URI> webhookUrls, WebhookFormat webhookFormat, String webhookSecret,
                             boolean demoReceiver) {

    public AlertingConfig {
        webhookUrls = List.copyOf(webhookUrls);
        for (URI url : webhookUrls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("monitor.alerts.webhook.urls: only http and https URLs, got " + url);
            }
        }
        if (!webhookUrls.isEmpty() && webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("monitor.alerts.webhook.secret is required with webhook URLs: receivers verify the signature");
        }
    }

    public static AlertingConfig none() {
        return new AlertingConfig("", List.of(), WebhookFormat.GENERIC, "", false);
    }

    public AlertingConfig forDemo() {
        return new AlertingConfig(rules.isEmpty() ? "demo" : rules, webhookUrls, webhookFormat,
                webhookSecret.isEmpty() ? "demo-secret" : webhookSecret, true);
    }

    public RuleFile ruleFile() {
        if (rules.isEmpty()) {
            return RuleFile.NONE;
        }
        return "demo".equals(rules) ? RuleFile.demo() : RuleFile.load(Path.of(rules));
    }
}
