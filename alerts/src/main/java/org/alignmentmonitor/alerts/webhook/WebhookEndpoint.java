package org.alignmentmonitor.alerts.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * Where alert events go.
 *
 * @param name   stable name: outbox entries refer to it, so keep it when the URL changes
 * @param secret key of the HMAC signature (see {@link WebhookSignature}); never logged
 */
public record WebhookEndpoint(String name, URI url, WebhookFormat format, String secret) {

    public WebhookEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("webhook " + name + " needs a non-empty secret");
        }
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[name=" + name + ", url=" + url + ", format=" + format + "]";
    }
}
