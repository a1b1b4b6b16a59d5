package org.alignmentmonitor.alerts.webhook;

import java.util.concurrent.atomic.AtomicLong;

/** Totals of delivery outcomes, e.g. for gauges or a health check. */
public final class DeliveryCounters implements DeliveryListener {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();

    @Override
    public void delivered(WebhookEndpoint endpoint, String eventId, int attempts) {
        delivered.incrementAndGet();
    }

    @Override
    public void attemptFailed(WebhookEndpoint endpoint, String eventId, int attempt, String reason) {
        failedAttempts.incrementAndGet();
    }

    @Override
    public void gaveUp(WebhookEndpoint endpoint, String eventId, int attempts, String reason) {
        gaveUp.incrementAndGet();
    }

    public long delivered() {
        return delivered.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public long gaveUp() {
        return gaveUp.get();
    }
}
