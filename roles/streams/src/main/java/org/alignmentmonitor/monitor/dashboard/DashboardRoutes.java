package org.alignmentmonitor.monitor.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.monitor.api.BadRequestException;
import org.alignmentmonitor.streams.query.StatsStores;

/**
 * The built-in dashboard: a static page (no external assets) that polls {@code /api/v1/dashboard}
 * and draws every version's rate with its interval band, traffic, labels and the current alerts.
 * Model and version names are untrusted text: the page only ever sets them as text, never as HTML.
 */
public final class DashboardRoutes {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

    private final StatsStores stores;
    private final Supplier<List<Alert>> alerts;

    public DashboardRoutes(StatsStores stores, Supplier<List<Alert>> alerts) {
        this.stores = stores;
        this.alerts = alerts;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/", ctx -> asset(ctx, "index.html", "text/html; charset=utf-8"));
        config.routes.get("/dashboard.js", ctx -> asset(ctx, "dashboard.js", "text/javascript; charset=utf-8"));
        config.routes.get("/dashboard.css", ctx -> asset(ctx, "dashboard.css", "text/css; charset=utf-8"));
        config.routes.get("/common.js", ctx -> asset(ctx, "common.js", "text/javascript; charset=utf-8"));
        config.routes.get("/process.html", ctx -> asset(ctx, "process.html", "text/html; charset=utf-8"));
        config.routes.get("/process.js", ctx -> asset(ctx, "process.js", "text/javascript; charset=utf-8"));
        config.routes.get("/api/v1/dashboard", this::dashboard);
        config.routes.get("/api/v1/alerts", ctx -> ctx.json(Map.of("alerts", alerts.get().stream().map(AlertView::of).toList())));
    }

    private void dashboard(Context ctx) {
        String range = Objects.requireNonNullElse(ctx.queryParam("range"), "1h");
        if (!VersionSeries.RANGES.containsKey(range)) {
            throw new BadRequestException("range must be one of 1h, 24h, 7d");
        }
        List<Map<String, Object>> versions = stores.localVersionTotals().stream()
                .sorted(Comparator.comparing(BucketStats::getModel).thenComparing(BucketStats::getVersion))
                .map(t -> Map.<String, Object>of("model", t.getModel(), "version", t.getVersion(),
                        "interactions", t.getInteractions(), "flagged", t.getFlagged(),
                        "labelled", t.getMisaligned() + t.getAligned() + t.getAmbiguous(),
                        "series", VersionSeries.of(stores, t, range), "total", VersionSeries.total(stores, t, range)))
                .toList();
        ctx.json(Map.of("range", range, "versions", versions, "alerts", alerts.get().stream().map(AlertView::of).toList(),
                "generatedAt", System.currentTimeMillis()));
    }

    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/" + name)) {
            ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                    .contentType(type).result(Objects.requireNonNull(in, name).readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An alert as the dashboard and API show it. */
    public record AlertView(String alertId, String ruleId, String ruleVersion, String model, String version, String state,
                            String severity, String at, String windowStart, String windowEnd, long interactions, long flagged,
                            double estimate, double lower, double upper, Double threshold, String message) {
        static AlertView of(Alert a) {
            return new AlertView(a.getAlertId(), a.getRuleId(), a.getRuleVersion(), a.getModel(), a.getVersion(), a.getState().name(),
                    a.getSeverity(), a.getAt().toString(), a.getWindowStart().toString(), a.getWindowEnd().toString(),
                    a.getInteractions(), a.getFlagged(), a.getEstimate(), a.getLower(), a.getUpper(), a.getThreshold(), a.getMessage());
        }
    }
}
