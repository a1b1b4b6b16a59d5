package org.alignmentmonitor.monitor.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.alerts.webhook.Outbox;

/**
 * What waits in the webhook outbox, rebuilt from the outbox topic's records in order: the latest entry per key, none
 * once a tombstone followed. Compaction may or may not have dropped the superseded records; the result is the same.
 * Also the one place that knows how an entry is written as a record value.
 */
final class OutboxReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Outbox.Entry> waiting = new LinkedHashMap<>();

    /** Applies one record of the topic; a null value is a tombstone. */
    void apply(String key, byte[] value) {
        if (value == null) {
            waiting.remove(key);
        } else {
            waiting.put(key, decode(value));
        }
    }

    /** Entries still waiting, in the order they were first kept. */
    List<Outbox.Entry> waiting() {
        return List.copyOf(waiting.values());
    }

    static byte[] encode(Outbox.Entry entry) {
        try {
            return JSON.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outbox entry " + entry.key(), e);
        }
    }

    static Outbox.Entry decode(byte[] value) {
        try {
            return JSON.readValue(value, Outbox.Entry.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable outbox record: " + e.getMessage(), e);
        }
    }
}
