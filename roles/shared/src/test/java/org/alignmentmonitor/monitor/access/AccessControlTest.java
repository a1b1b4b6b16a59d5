package org.alignmentmonitor.monitor.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy enforced by a real Javalin server, without Kafka: cheap checks of the before-handler itself. */
class AccessControlTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Javalin app;

    @BeforeAll
    static void start() {
        UserDirectory users = UserDirectory.of(Map.of(new ReviewUser("olga", Role.ONCALL), "oncall-token",
                new ReviewUser("ann", Role.LABELLER), "labeller-token"));
        AccessControl access = new AccessControl(users, ctx -> "ann-session".equals(ctx.cookie("am_review"))
                ? Optional.of(new ReviewUser("ann", Role.LABELLER)) : Optional.empty());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.result("up"));
            config.routes.get("/metrics", ctx -> ctx.result("metrics of " + AccessControl.user(ctx).map(ReviewUser::name).orElse("?")));
            config.routes.get("/review", ctx -> ctx.result("queue"));
            config.routes.post("/api/v1/interactions", ctx -> ctx.result("ingested"));
            config.routes.get("/not/in/the/table", ctx -> ctx.result("secret"));
            access.register(config);
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void shouldAnswer401WithoutTokenAndNamePeopleWhenAllowed() throws Exception {
        assertThat(get("/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer wrong", null).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/metrics", "Bearer oncall-token", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("metrics of olga");
    }

    @Test
    void shouldAnswer403WhenTheRoleIsNotInTheTable() throws Exception {
        assertThat(get("/metrics", "Bearer labeller-token", null).statusCode()).isEqualTo(403);
        assertThat(get("/review", "Bearer oncall-token", null).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLeaveOpenRoutesOpen() throws Exception {
        assertThat(get("/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryoneWhenARouteHasNoRule() throws Exception {
        assertThat(get("/not/in/the/table", "Bearer oncall-token", null).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldAcceptTheReviewSessionForReadsButNeverForOtherPosts() throws Exception {
        assertThat(get("/review", null, "am_review=ann-session").statusCode()).isEqualTo(200);
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/interactions"))
                .header("Cookie", "am_review=ann-session").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
