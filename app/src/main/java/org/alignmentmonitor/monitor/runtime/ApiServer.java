package org.alignmentmonitor.monitor.runtime;

import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import org.alignmentmonitor.monitor.access.AccessPolicy;
import org.alignmentmonitor.monitor.api.BadRequestException;
import org.alignmentmonitor.monitor.api.PeerClient;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server of one monitor process: liveness, readiness, Prometheus metrics and its role's routes. */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the API on {@code host:port} (port 0 picks one).
     *
     * @param routes the role's route sets (statistics, dashboard, demo receiver, review UI), each registering its own paths
     */
    public static ApiServer start(Liveness liveness, MonitorMetrics metrics, String host, int port, List<Consumer<JavalinConfig>> routes) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(json, false));
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> {
                boolean healthy = liveness.healthy();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", healthy ? "UP" : "DOWN");
                body.putAll(liveness.details());
                ctx.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
            });
            config.routes.get("/ready", ctx -> {
                boolean ready = liveness.ready();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("ready", ready);
                body.putAll(liveness.details());
                ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            routes.forEach(r -> r.accept(config));
            config.routes.exception(BadRequestException.class, (e, ctx) ->
                    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) ->
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "statistics are not queryable yet: " + e.getMessage())));
            config.routes.exception(PeerClient.PeerUnavailableException.class, (e, ctx) ->
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Request {} failed", ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error; see the server log"));
            });
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*", ctx -> ctx.json(Map.of("error", "no such endpoint: " + ctx.path())));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (in use?); choose another port with --http-port");
            }
            throw e;
        }
        LOG.info("HTTP API on http://{}:{}", host, app.port());
        return new ApiServer(app);
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Every (method, path) this server routes, as registered: what the access policy must cover. */
    public List<AccessPolicy.Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(p -> p.endpoint.method.isHttpMethod())
                .map(p -> new AccessPolicy.Route(p.endpoint.method.name(), p.endpoint.path)).toList();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
