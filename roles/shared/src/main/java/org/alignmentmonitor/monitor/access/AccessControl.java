package org.alignmentmonitor.monitor.access;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link AccessPolicy} for every matched route of the HTTP server, in one before-handler: no credentials
 * 401, a role the table does not list 403, a route the table does not know 403 (fail closed, logged).
 *
 * <p>Credentials are {@code Authorization: Bearer <token>}, or the review UI's session cookie for reads and for the
 * review pages' own forms (those check their CSRF token); a cookie never authorises another POST, so a foreign page
 * cannot make a logged-in browser ingest or certify.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final String USER_ATTRIBUTE = "alignment-monitor.user";

    private final UserDirectory users;
    private final Function<Context, Optional<ReviewUser>> sessionUser;

    /**
     * @param sessionUser the review UI's logged-in user for a request, empty when it has no valid session cookie
     */
    public AccessControl(UserDirectory users, Function<Context, Optional<ReviewUser>> sessionUser) {
        this.users = users;
        this.sessionUser = sessionUser;
    }

    public void register(JavalinConfig config) {
        config.routes.beforeMatched(this::check);
        config.routes.exception(Denied.class, (e, ctx) -> {
            ctx.status(e.status);
            if (e.status == HttpStatus.UNAUTHORIZED) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            ctx.json(Map.of("error", e.getMessage()));
        });
    }

    /** The authenticated caller of this request, when auth is on and the route was not open. */
    public static Optional<ReviewUser> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER_ATTRIBUTE));
    }

    void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || !endpoint.method.isHttpMethod()) {
            return;
        }
        AccessPolicy.Rule rule = AccessPolicy.rule(endpoint.method.name(), endpoint.path).orElseGet(() -> {
            LOG.error("No access rule for {} {}: refused to everyone; add it to AccessPolicy", endpoint.method.name(), endpoint.path);
            return new AccessPolicy.Rule(false, Set.of());
        });
        if (rule.open()) {
            return;
        }
        ReviewUser user = caller(ctx, endpoint).orElseThrow(() ->
                new Denied(HttpStatus.UNAUTHORIZED, "send Authorization: Bearer <token> (or log in at /review/login)"));
        if (!rule.allows(user.role())) {
            throw new Denied(HttpStatus.FORBIDDEN, "role " + user.role().configName() + " may not " + endpoint.method.name() + " " + endpoint.path);
        }
        ctx.attribute(USER_ATTRIBUTE, user);
    }

    private Optional<ReviewUser> caller(Context ctx, Endpoint endpoint) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            return auth.startsWith("Bearer ") ? users.authenticate(auth.substring(7).strip()) : Optional.empty();
        }
        boolean cookieMayAuthorise = endpoint.method.name().equals("GET") || endpoint.path.startsWith("/review");
        return cookieMayAuthorise ? sessionUser.apply(ctx) : Optional.empty();
    }

    /** Refused: 401 without valid credentials, 403 with a role the policy does not allow. */
    static final class Denied extends RuntimeException {
        private final HttpStatus status;

        Denied(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
