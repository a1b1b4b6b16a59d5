package org.alignmentmonitor.monitor.audit;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.alignmentmonitor.avro.AuditEvent;
import org.alignmentmonitor.monitor.access.UserDirectory;

/**
 * Records configuration changes: at start-up each section of the configuration (each component of the config
 * record) is digested and compared with the digests last recorded on the audit topic; each section that differs
 * gets a CONFIG_CHANGED event naming the operating-system user who started the instance. Only digests are recorded,
 * so secrets in the configuration never reach the topic.
 */
public final class ConfigAudit {

    private ConfigAudit() {
    }

    /** SHA-256 of each component's text, by component name. */
    public static Map<String, String> digests(Record config) {
        Map<String, String> out = new TreeMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), UserDirectory.sha256Hex(String.valueOf(c.getAccessor().invoke(config))));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read configuration section " + c.getName(), e);
            }
        }
        return out;
    }

    /** The CONFIG_CHANGED events {@code current} calls for, given the events already on the trail. */
    public static List<AuditEvent> changes(List<AuditEvent> trail, Map<String, String> current, String actor, long now) {
        Map<String, String> recorded = new HashMap<>();
        trail.stream().filter(e -> AuditKind.CONFIG_CHANGED.name().equals(e.getKind()))
                .sorted((a, b) -> a.getAt().compareTo(b.getAt()))
                .forEach(e -> recorded.put(e.getSubject(), e.getDetail().get("digest")));
        return current.entrySet().stream()
                .filter(e -> !e.getValue().equals(recorded.get(e.getKey())))
                .map(e -> AuditTrail.event(AuditKind.CONFIG_CHANGED, actor, "admin", e.getKey(),
                        recorded.containsKey(e.getKey()) ? Map.of("digest", e.getValue(), "previousDigest", recorded.get(e.getKey()))
                                : Map.of("digest", e.getValue()), now))
                .toList();
    }
}
