package org.alignmentmonitor.monitor.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.alignmentmonitor.avro.AuditEvent;
import org.alignmentmonitor.monitor.audit.AuditKind;
import org.alignmentmonitor.monitor.audit.AuditLog;
import org.alignmentmonitor.monitor.audit.AuditQuery;

/** {@code GET /api/v1/audit?from&to&actor&kind}: the audit trail for auditors, oldest first. */
public final class AuditApi {

    private final AuditLog log;

    public AuditApi(AuditLog log) {
        this.log = log;
    }

    /** One event as JSON. */
    record EventView(String id, String at, String actor, String role, String kind, String subject, Map<String, String> detail) {

        static EventView of(AuditEvent e) {
            return new EventView(e.getId(), e.getAt().toString(), e.getActor(), e.getRole(), e.getKind(), e.getSubject(), Map.copyOf(e.getDetail()));
        }
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/audit", this::query);
    }

    private void query(Context ctx) {
        AuditQuery query = parse(ctx);
        List<AuditEvent> events = log.query(query);
        ctx.json(Map.of("events", events.stream().map(EventView::of).toList(), "truncated", events.size() >= AuditLog.MAX_RESULTS));
    }

    static AuditQuery parse(Context ctx) {
        long from = QueryParams.instant(ctx, "from", 0L);
        long to = QueryParams.instant(ctx, "to", Long.MAX_VALUE);
        if (from >= to) {
            throw new BadRequestException("'from' must be before 'to'");
        }
        String actor = ctx.queryParam("actor") == null ? null : QueryParams.requiredName(ctx, "actor");
        String kind = ctx.queryParam("kind");
        AuditKind parsedKind = null;
        if (kind != null) {
            try {
                parsedKind = AuditKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("'kind' must be one of " + List.of(AuditKind.values()));
            }
        }
        return new AuditQuery(from, to, actor, parsedKind);
    }
}
