package org.alignmentmonitor.monitor.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.javalin.http.Context;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another monitor instance for the part of an answer whose store lives there. */
public final class PeerClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * GET {@code pathAndQuery} on the peer with {@code local=true}, so the peer does not forward again; the caller's
     * {@code Authorization} header (null when none) goes along, since the peer enforces the same access policy.
     */
    HttpResponse<String> get(HostInfo peer, String pathAndQuery, String authorization) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery + separator + "local=true");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PeerUnavailableException("instance " + peer + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException("interrupted while asking " + peer);
        }
    }

    /**
     * Answers {@code ctx} with the owning instance's answer when the data lives elsewhere.
     *
     * @return true when the request was forwarded, false when this instance owns the data
     */
    boolean forwardedTo(KeyQueryMetadata owner, HostInfo self, Context ctx) {
        if (owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new PeerUnavailableException("statistics are being rebalanced; retry shortly");
        }
        if (owner.activeHost().equals(self)) {
            return false;
        }
        HttpResponse<String> answer = get(owner.activeHost(), ctx.path() + "?" + ctx.queryString(), ctx.header("Authorization"));
        ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
        return true;
    }

    /** The instance owning the data cannot be reached; the API answers 503. */
    public static final class PeerUnavailableException extends RuntimeException {
        PeerUnavailableException(String message) {
            super(message);
        }
    }
}
