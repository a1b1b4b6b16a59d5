package org.alignmentmonitor.alerts.webhook;

import java.util.concurrent.CompletableFuture;

/**
 * Where deliveries that ran out of attempts wait for the next start. It must outlive the process (and
 * its disk): production keeps it on a compacted Kafka topic. {@link WebhookDispatcher} only writes to
 * it; whoever starts the dispatcher reads what is waiting and hands it to
 * {@link WebhookDispatcher#redeliver(java.util.Collection)}.
 */
public interface Outbox {

    /** One undelivered event for one endpoint, with the body exactly as it was to be sent. */
    record Entry(String endpoint, String eventId, String body) {

        /** One entry per event and endpoint: keeping the same entry twice keeps it once. */
        public String key() {
            return eventId + "|" + endpoint;
        }
    }

    /** Keeps the entry until {@link #remove}; completes once it is durable, exceptionally when it could not be kept. */
    CompletableFuture<Void> keep(Entry entry);

    /** The entry was delivered: forget it. */
    CompletableFuture<Void> remove(Entry entry);
}
