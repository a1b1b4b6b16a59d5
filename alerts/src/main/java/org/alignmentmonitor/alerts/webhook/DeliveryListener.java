package org.alignmentmonitor.alerts.webhook;

/**
 * Hook for metrics and logs of webhook delivery; called from HTTP client threads, so implementations
 * must be thread-safe and quick. {@link DeliveryCounters} counts; a Micrometer bridge belongs here too.
 */
public interface DeliveryListener {

    /** The endpoint accepted the event (2xx) on attempt {@code attempts}. */
    default void delivered(WebhookEndpoint endpoint, String eventId, int attempts) {}

    /** One attempt failed; another may follow. */
    default void attemptFailed(WebhookEndpoint endpoint, String eventId, int attempt, String reason) {}

    /** No more attempts now: the event is in the outbox and is retried on the next start. */
    default void gaveUp(WebhookEndpoint endpoint, String eventId, int attempts, String reason) {}
}
