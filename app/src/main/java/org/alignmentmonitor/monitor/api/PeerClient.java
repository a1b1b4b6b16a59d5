package org.alignmentmonitor.monitor.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;

/** Asks another monitor instance for the part of an answer whose store lives there. */
final class PeerClient {

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

    /** The instance owning the data cannot be reached; the API answers 503. */
    static final class PeerUnavailableException extends RuntimeException {
        PeerUnavailableException(String message) {
            super(message);
        }
    }
}
