package org.alignmentmonitor.monitor.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.alignmentmonitor.monitor.review.Sessions.Session;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.review.queue.LeaseLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review UI and the leads' JSON API on the product's HTTP server. Sessions are SameSite=Strict HttpOnly cookies;
 * every POST also needs the session's CSRF token and, when the browser sends one, a same-origin Origin header.
 */
public final class ReviewWeb {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewWeb.class);
    private static final String COOKIE = "am_review";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> STATIC = Map.of("review.js", "text/javascript; charset=utf-8",
            "review.css", "text/css; charset=utf-8");

    private final ReviewService service;
    private final UserDirectory users;
    private final Sessions sessions;

    public ReviewWeb(ReviewService service, UserDirectory users, Sessions sessions) {
        this.service = service;
        this.users = users;
        this.sessions = sessions;
    }

    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.before(ctx -> {
            if (ctx.path().startsWith("/review") || ctx.path().startsWith("/api/v1/review")) {
                securityHeaders(ctx);
            }
        });
        routes.get("/review/static/{file}", this::staticFile);
        routes.get("/review/login", ctx -> ctx.html(Pages.login(null)));
        routes.post("/review/login", this::login);
        routes.post("/review/logout", this::logout);
        routes.get("/review", ctx -> queuePage(ctx, null));
        routes.post("/review/next", this::next);
        routes.get("/review/item/{id}", this::item);
        routes.post("/review/item/{id}/label", this::label);
        routes.get("/review/manual", ctx -> ctx.html(Pages.manual(viewer(ctx), service.manual())));
        routes.get("/review/lead", ctx -> ctx.html(Pages.lead(leadViewer(ctx), service.quality())));
        routes.get("/review/adjudication", ctx -> ctx.html(Pages.cases(leadViewer(ctx), service.openCases())));
        routes.get("/api/v1/review/quality", this::qualityJson);
        routes.exception(LabelPublisher.LabelNotSavedException.class, (e, ctx) -> {
            LOG.warn("Label not confirmed by Kafka", e);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(Pages.error(viewer(ctx), 503, e.getMessage()));
        });
        routes.exception(LeaseLog.Unconfirmed.class, (e, ctx) -> {
            LOG.warn("Lease not confirmed by the lease log: {}", e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(Pages.error(viewer(ctx), 503, "The queue is busy; ask for the next item again."));
        });
        routes.exception(ReviewHttpException.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/")) {
                ctx.status(e.status()).json(Map.of("error", e.getMessage()));
            } else if (e.status() == 401) {
                ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
            } else {
                ctx.status(e.status()).html(Pages.error(session(ctx).map(s -> new Pages.Viewer(s.user(), s.csrf())).orElse(null),
                        e.status(), e.getMessage()));
            }
        });
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin"); // "no-referrer" would make Chrome send "Origin: null" on our own posts
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private void staticFile(Context ctx) {
        String file = ctx.pathParam("file");
        String type = STATIC.get(file);
        if (type == null) {
            throw new ReviewHttpException(404, "no such file");
        }
        try (InputStream in = ReviewWeb.class.getResourceAsStream("/review/" + file)) {
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void login(Context ctx) {
        sameOrigin(ctx);
        Optional<ReviewUser> user = users.authenticate(ctx.formParam("token"));
        if (user.isEmpty()) {
            LOG.warn("Failed review login from {}", ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED).html(Pages.login("Unknown token."));
            return;
        }
        Cookie cookie = new Cookie(COOKIE, sessions.open(user.get()), "/", (int) Sessions.TTL.toSeconds(),
                "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect("/review", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        postingSession(ctx);
        // The browser forgets the cookie; the server keeps no list to strike it from (see Sessions).
        ctx.removeCookie(COOKIE, "/");
        ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
    }

    private void queuePage(Context ctx, String notice) {
        Pages.Viewer viewer = viewer(ctx);
        String name = viewer.user().name();
        String shown = notice != null ? notice : switch (ctx.queryParam("done") == null ? "" : ctx.queryParam("done")) {
            case "saved" -> "Label saved.";
            case "empty" -> "Nothing left for you in the queue right now.";
            default -> null;
        };
        var report = service.quality();
        ctx.html(Pages.queue(viewer, report.queueDepth(), report.throughput().lastDayByLabeller().getOrDefault(name, 0L), shown));
    }

    private void next(Context ctx) throws InterruptedException {
        Session s = postingSession(ctx);
        Optional<Assignment> next = service.next(s.user());
        ctx.redirect(next.map(a -> "/review/item/" + a.itemId()).orElse("/review?done=empty"), HttpStatus.SEE_OTHER);
    }

    private void item(Context ctx) {
        Pages.Viewer viewer = viewer(ctx);
        ItemView view = service.view(viewer.user(), itemId(ctx))
                .orElseThrow(() -> new ReviewHttpException(403, "no such item, or it was not given to you"));
        ctx.html(Pages.item(viewer, view, service.manual()));
    }

    private void label(Context ctx) throws LabelPublisher.LabelNotSavedException, InterruptedException {
        Session s = postingSession(ctx);
        LabelInput input = LabelForm.parse(itemId(ctx), ctx.formParamMap(), service.manual().categories());
        ReviewService.Outcome outcome = service.submit(s.user(), input);
        if (outcome == ReviewService.Outcome.REJECTED) {
            throw new ReviewHttpException(403, "no such item, or it was not given to you");
        }
        // Straight on to the next item: labelling is a keyboard loop.
        Optional<Assignment> next = service.next(s.user());
        ctx.redirect(next.map(a -> "/review/item/" + a.itemId()).orElse("/review?done=saved"), HttpStatus.SEE_OTHER);
    }

    private void qualityJson(Context ctx) {
        ReviewUser user = bearer(ctx).or(() -> session(ctx).map(Session::user))
                .orElseThrow(() -> new ReviewHttpException(401, "log in or send Authorization: Bearer <token>"));
        if (!user.lead()) {
            throw new ReviewHttpException(403, "leads only");
        }
        ctx.json(service.quality());
    }

    private Optional<ReviewUser> bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? users.authenticate(auth.substring(7).strip()) : Optional.empty();
    }

    private static String itemId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ReviewIds.valid(id)) {
            throw new ReviewHttpException(400, "bad item id");
        }
        return id;
    }

    /** The user logged in with this request's session cookie, if any. */
    public Optional<ReviewUser> sessionUser(Context ctx) {
        return session(ctx).map(Session::user);
    }

    private Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    private Pages.Viewer viewer(Context ctx) {
        Session s = session(ctx).orElseThrow(() -> new ReviewHttpException(401, "log in first"));
        return new Pages.Viewer(s.user(), s.csrf());
    }

    private Pages.Viewer leadViewer(Context ctx) {
        Pages.Viewer viewer = viewer(ctx);
        if (!viewer.user().lead()) {
            throw new ReviewHttpException(403, "this page is for leads");
        }
        return viewer;
    }

    /** A logged-in session whose CSRF token came with the form, from this origin. */
    private Session postingSession(Context ctx) {
        sameOrigin(ctx);
        Session s = session(ctx).orElseThrow(() -> new ReviewHttpException(401, "log in first"));
        if (!s.csrfMatches(ctx.formParam("csrf"))) {
            throw new ReviewHttpException(403, "the form expired; reload the page");
        }
        return s;
    }

    private static void sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // no Origin (older browsers, curl): the CSRF token and SameSite=Strict still apply
        }
        String host = ctx.header("Host");
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new ReviewHttpException(403, "cross-origin request refused");
        }
        String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (host == null || !host.equalsIgnoreCase(originHost)) {
            throw new ReviewHttpException(403, "cross-origin request refused");
        }
    }
}
