package org.alignmentmonitor.monitor.audit;

import org.alignmentmonitor.avro.AuditEvent;

/**
 * Which events an auditor asks for: {@code [from, to)} in event time, optionally one actor and one kind.
 *
 * @param actor null for every actor
 * @param kind  null for every kind
 */
public record AuditQuery(long from, long to, String actor, AuditKind kind) {

    public boolean matches(AuditEvent e) {
        long at = e.getAt().toEpochMilli();
        return at >= from && at < to && (actor == null || actor.equals(e.getActor()))
                && (kind == null || kind.name().equals(e.getKind()));
    }
}
