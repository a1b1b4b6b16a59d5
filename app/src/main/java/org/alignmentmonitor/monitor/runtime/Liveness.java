package org.alignmentmonitor.monitor.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.alignmentmonitor.monitor.runtime.tail.Tails;

/**
 * What {@code /health} and {@code /ready} report for this process: its Streams client when the role has one,
 * and every supervised topic tail. A tail that keeps failing makes the process unhealthy, like a dead stream thread.
 */
public record Liveness(Role role, MonitorStreamsApp streams, Tails tails) {

    public boolean healthy() {
        return (streams == null || streams.isHealthy()) && tails.healthy();
    }

    /** Ready once its Streams client runs (a worker role is ready as soon as it serves). */
    public boolean ready() {
        return streams == null || streams.isRunning();
    }

    public Map<String, Object> details() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", role.id());
        if (streams != null) {
            out.put("streams", streams.streams().state().name());
        }
        out.put("tails", tails.health());
        return out;
    }
}
