package org.alignmentmonitor.monitor.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.monitor.runtime.MonitorStreamsApp;
import org.alignmentmonitor.streams.query.StatsStores;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code /api/v1/versions} and {@code /api/v1/rates}. Each answer is merged from stored buckets;
 * with several instances, the instance holding a version's store answers for it.
 */
public final class StatsApi {

    private static final long MAX_FUTURE_MS = Duration.ofDays(1).toMillis();

    private final KafkaStreams streams;
    private final StatsStores stores;
    private final HostInfo self;
    private final PeerClient peers = new PeerClient();
    private final ObjectMapper json;

    StatsApi(KafkaStreams streams, StatsStores stores, HostInfo self, ObjectMapper json) {
        this.streams = streams;
        this.stores = stores;
        this.self = self;
        this.json = json;
    }

    /** Registers {@code /api/v1/versions} and {@code /api/v1/rates}: the statistics of a process that runs the topology. */
    public static void register(JavalinConfig config, MonitorStreamsApp app, HostInfo self) {
        StatsApi stats = new StatsApi(app.streams(), app.stores(), self, new ObjectMapper().findAndRegisterModules());
        config.routes.get("/api/v1/versions", stats::versions);
        config.routes.get("/api/v1/rates", stats::rates);
    }

    void versions(Context ctx) throws Exception {
        List<VersionView> versions = new ArrayList<>(stores.localVersionTotals().stream().map(VersionView::of).toList());
        if (self != null && !QueryParams.flag(ctx, "local")) {
            for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                if (!instance.hostInfo().equals(self)) {
                    HttpResponse<String> answer = peers.get(instance.hostInfo(), "/api/v1/versions", ctx.header("Authorization"));
                    Map<String, List<VersionView>> remote = json.readValue(answer.body(), new TypeReference<>() { });
                    versions.addAll(remote.getOrDefault("versions", List.of()));
                }
            }
        }
        versions.sort(Comparator.comparing(VersionView::model).thenComparing(VersionView::version));
        ctx.json(Map.of("versions", versions));
    }

    void rates(Context ctx) {
        String model = QueryParams.requiredName(ctx, "model");
        String version = QueryParams.requiredName(ctx, "version");
        long now = System.currentTimeMillis();
        long from = QueryParams.instant(ctx, "from", 0L);
        long to = QueryParams.instant(ctx, "to", now + MAX_FUTURE_MS);
        if (from >= to) {
            throw new BadRequestException("'from' must be before 'to'");
        }
        if (self != null && !QueryParams.flag(ctx, "local") && peers.forwardedTo(stores.owner(model, version), self, ctx)) {
            return;
        }
        double alpha = QueryParams.alpha(ctx);
        StatsStores.WindowAnswer answer = stores.localWindow(model, version, from, to);
        ctx.json(RateView.of(model, version, answer, EstimationOptions.withAlpha(alpha)));
    }
}
