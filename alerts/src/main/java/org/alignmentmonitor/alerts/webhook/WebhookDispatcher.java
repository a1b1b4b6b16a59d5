package org.alignmentmonitor.alerts.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.avro.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alert events to webhooks, signed (see {@link WebhookSignature}), retrying with capped,
 * jittered exponential backoff. An event that runs out of attempts goes to the {@link Outbox} and is
 * re-sent by {@link #redeliver} on the next start, which removes it from the outbox once delivered:
 * delivery is at least once, never lost, and receivers de-duplicate by the event id header.
 *
 * <p>Nothing blocks the caller: both methods return futures that complete when every endpoint has
 * either accepted the event or has it safely in the outbox; they complete exceptionally only when
 * the outbox itself cannot be written.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final DeliveryPolicy policy;
    private final Outbox outbox;
    private final DeliveryListener listener;
    private final HttpClient client;

    public WebhookDispatcher(List<WebhookEndpoint> endpoints, DeliveryPolicy policy, Outbox outbox,
                             DeliveryListener listener) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.client = HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
        for (WebhookEndpoint endpoint : endpoints) {
            if (this.endpoints.put(endpoint.name(), endpoint) != null) {
                throw new IllegalArgumentException("two webhook endpoints are named " + endpoint.name());
            }
        }
    }

    /** Sends the event to every endpoint, each in its own format; what runs out of attempts is kept in the outbox. */
    public CompletableFuture<Void> dispatch(Alert alert) {
        String eventId = AlertPayloads.eventId(alert);
        return all(endpoints.values().stream()
                .map(endpoint -> deliver(endpoint, new Outbox.Entry(endpoint.name(), eventId,
                        AlertPayloads.body(endpoint.format(), alert)), false))
                .toList());
    }

    /**
     * Re-sends entries earlier runs left in the outbox; call once at start with everything waiting there. A
     * delivered entry is removed; one that runs out of attempts again simply stays. Entries for endpoints no
     * longer configured stay too (with a warning) rather than being dropped.
     */
    public CompletableFuture<Void> redeliver(Collection<Outbox.Entry> waiting) {
        if (!waiting.isEmpty()) {
            LOG.info("re-delivering {} webhook events from the outbox", waiting.size());
        }
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (Outbox.Entry entry : waiting) {
            WebhookEndpoint endpoint = endpoints.get(entry.endpoint());
            if (endpoint == null) {
                LOG.warn("outbox event {} is for webhook '{}', which is not configured: kept in the outbox",
                        entry.eventId(), entry.endpoint());
            } else {
                deliveries.add(deliver(endpoint, entry, true));
            }
        }
        return all(deliveries);
    }

    /** @param kept whether the entry is already in the outbox (a redelivery) */
    private CompletableFuture<Void> deliver(WebhookEndpoint endpoint, Outbox.Entry entry, boolean kept) {
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        attempt(endpoint, entry, 1, accepted);
        return accepted.thenCompose(delivered -> {
            if (delivered) {
                return kept ? outbox.remove(entry) : CompletableFuture.<Void>completedFuture(null);
            }
            return kept ? CompletableFuture.<Void>completedFuture(null) : keep(entry);
        });
    }

    /** Completes {@code accepted} with true once the endpoint took the event, false once it is out of attempts. */
    private void attempt(WebhookEndpoint endpoint, Outbox.Entry entry, int attempt, CompletableFuture<Boolean> accepted) {
        client.sendAsync(request(endpoint, entry), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                listener.delivered(endpoint, entry.eventId(), attempt);
                accepted.complete(true);
                return;
            }
            String reason = error != null ? describe(error) : "HTTP " + response.statusCode();
            listener.attemptFailed(endpoint, entry.eventId(), attempt, reason);
            if (attempt < policy.maxAttempts() && (error != null || retriable(response.statusCode()))) {
                long wait = policy.backoff(attempt).toMillis();
                LOG.debug("webhook {} event {} attempt {} failed ({}); retrying in {} ms",
                        endpoint.name(), entry.eventId(), attempt, reason, wait);
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(endpoint, entry, attempt + 1, accepted));
                return;
            }
            LOG.warn("webhook {} event {} not delivered after {} attempts ({}): kept in the outbox",
                    endpoint.name(), entry.eventId(), attempt, reason);
            listener.gaveUp(endpoint, entry.eventId(), attempt, reason);
            accepted.complete(false);
        });
    }

    private HttpRequest request(WebhookEndpoint endpoint, Outbox.Entry entry) {
        long timestamp = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(endpoint.url())
                .timeout(policy.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.EVENT_ID_HEADER, entry.eventId())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.secret(), timestamp, entry.body()))
                .POST(HttpRequest.BodyPublishers.ofString(entry.body()))
                .build();
    }

    private CompletableFuture<Void> keep(Outbox.Entry entry) {
        return outbox.keep(entry).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("cannot keep webhook event {} in the outbox: it is only in the alerts topic now", entry.eventId(), failure);
            }
        });
    }

    /** Server trouble, throttling and timeouts may pass; other 4xx answers will not change by retrying. */
    private static boolean retriable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static CompletableFuture<Void> all(List<CompletableFuture<Void>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
