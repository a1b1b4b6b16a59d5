package org.alignmentmonitor.monitor.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.alignmentmonitor.avro.AuditEvent;

/** Where audit events go: the append-only audit topic in production. */
@FunctionalInterface
public interface AuditTrail {

    /** For review services and tools run without a topic (tests). */
    AuditTrail NONE = event -> { };

    /** Records the event durably or throws: an action whose record was lost must not look done. */
    void record(AuditEvent event);

    static AuditEvent event(AuditKind kind, String actor, String role, String subject, Map<String, String> detail, long at) {
        return AuditEvent.newBuilder().setId(UUID.randomUUID().toString()).setAt(Instant.ofEpochMilli(at)).setActor(actor)
                .setRole(role).setKind(kind.name()).setSubject(subject).setDetail(Map.copyOf(detail)).build();
    }
}
