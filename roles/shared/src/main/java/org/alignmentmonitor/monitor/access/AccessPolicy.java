package org.alignmentmonitor.monitor.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import static org.alignmentmonitor.monitor.access.Role.ADMIN;
import static org.alignmentmonitor.monitor.access.Role.AUDITOR;
import static org.alignmentmonitor.monitor.access.Role.LABELLER;
import static org.alignmentmonitor.monitor.access.Role.LEAD;
import static org.alignmentmonitor.monitor.access.Role.ONCALL;

/**
 * The one table of who may call what: (method, route path as registered) to the roles allowed, or open to everyone.
 * A route missing here is refused to every caller once auth is on (fail closed), and the role-matrix test fails for
 * it, so a new endpoint cannot ship without a decision. docs/access-control.md prints the same table.
 */
public final class AccessPolicy {

    /** A route as the HTTP server registers it: method and path pattern ({@code /review/item/{id}}). */
    public record Route(String method, String path) {
    }

    /** Open routes need no token; the others need one of {@code roles}. */
    public record Rule(boolean open, Set<Role> roles) {

        public boolean allows(Role role) {
            return open || roles.contains(role);
        }
    }

    private static final Rule OPEN = new Rule(true, Set.of());
    private static final Map<Route, Rule> TABLE = new LinkedHashMap<>();

    static {
        // Probes and the way in: they reveal nothing and must work before anyone has a session.
        open("GET", "/health");
        open("GET", "/ready");
        open("GET", "/review/login");
        open("POST", "/review/login");
        open("GET", "/review/static/{file}");
        // The demo's webhook receiver checks the HMAC signature of every delivery itself.
        open("POST", "/demo/webhook");

        Set<Role> labelling = EnumSet.of(LABELLER, LEAD);
        Set<Role> readers = EnumSet.of(LEAD, ONCALL, AUDITOR, ADMIN);
        Set<Role> operations = EnumSet.of(ONCALL, ADMIN);
        Set<Role> auditing = EnumSet.of(AUDITOR, ADMIN);

        allow("POST", "/review/logout", EnumSet.allOf(Role.class));
        allow("GET", "/review", labelling);
        allow("POST", "/review/next", labelling);
        allow("GET", "/review/item/{id}", labelling);
        allow("POST", "/review/item/{id}/label", labelling);
        allow("GET", "/review/manual", labelling);
        allow("GET", "/review/lead", EnumSet.of(LEAD));
        allow("GET", "/review/adjudication", EnumSet.of(LEAD));
        allow("GET", "/api/v1/review/quality", EnumSet.of(LEAD));

        allow("GET", "/", readers);
        allow("GET", "/dashboard.js", readers);
        allow("GET", "/dashboard.css", readers);
        allow("GET", "/common.js", readers);
        allow("GET", "/process.html", readers);
        allow("GET", "/process.js", readers);
        allow("GET", "/api/v1/processes", readers);
        allow("GET", "/api/v1/processes/{id}", readers);
        allow("GET", "/api/v1/dashboard", readers);
        allow("GET", "/api/v1/versions", readers);
        allow("GET", "/api/v1/rates", readers);
        allow("GET", "/api/v1/alerts", readers);
        allow("GET", "/api/v1/judges", EnumSet.of(ONCALL, AUDITOR, ADMIN));
        allow("GET", "/metrics", operations);
        allow("GET", "/demo/webhook", operations);

        allow("GET", "/api/v1/export", auditing);
        allow("GET", "/api/v1/audit", auditing);
        allow("GET", "/api/v1/certificates", readers);
        allow("GET", "/api/v1/certificates/{id}", readers);
        allow("POST", "/api/v1/certificates", auditing);
        allow("POST", "/api/v1/interactions", EnumSet.of(ADMIN));
    }

    private AccessPolicy() {
    }

    private static void open(String method, String path) {
        TABLE.put(new Route(method, path), OPEN);
    }

    private static void allow(String method, String path, Set<Role> roles) {
        TABLE.put(new Route(method, path), new Rule(false, Set.copyOf(roles)));
    }

    public static Optional<Rule> rule(String method, String path) {
        return Optional.ofNullable(TABLE.get(new Route(method, path)));
    }

    /** The whole table in declaration order, for the docs and the matrix test. */
    public static Map<Route, Rule> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
