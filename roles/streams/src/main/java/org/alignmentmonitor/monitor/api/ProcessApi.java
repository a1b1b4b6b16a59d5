package org.alignmentmonitor.monitor.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.alignmentmonitor.monitor.runtime.MonitorStreamsApp;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.query.ProcessStores;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code /api/v1/processes} (every training process with the headline of its scorecard) and
 * {@code /api/v1/processes/{id}} (the scorecard, and rates and judge agreement per checkpoint).
 * {@code threshold}, {@code delta}, {@code minLabels} and {@code alpha} set the scorecard's policy.
 */
public final class ProcessApi {

    private final KafkaStreams streams;
    private final ProcessStores stores;
    private final HostInfo self;
    private final PeerClient peers = new PeerClient();
    private final ObjectMapper json;
    private final ScorecardPolicy defaults;

    ProcessApi(KafkaStreams streams, HostInfo self, ObjectMapper json, ScorecardPolicy defaults) {
        this.streams = streams;
        this.stores = new ProcessStores(streams);
        this.self = self;
        this.json = json;
        this.defaults = defaults;
    }

    /** Registers the training-process scorecards of a process that runs the topology. */
    public static void register(JavalinConfig config, MonitorStreamsApp app, HostInfo self) {
        ProcessApi processes = new ProcessApi(app.streams(), self, new ObjectMapper().findAndRegisterModules(), ScorecardPolicy.DEFAULT);
        config.routes.get("/api/v1/processes", processes::list);
        config.routes.get("/api/v1/processes/{id}", processes::one);
    }

    void list(Context ctx) throws Exception {
        ScorecardPolicy policy = policy(ctx);
        double alpha = QueryParams.alpha(ctx);
        List<ProcessView.Summary> out = new ArrayList<>();
        stores.localProcesses().forEach((id, cells) -> out.add(ProcessView.of(id, cells, policy, alpha).summary()));
        if (self != null && !QueryParams.flag(ctx, "local")) {
            for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                if (!instance.hostInfo().equals(self)) {
                    HttpResponse<String> answer = peers.get(instance.hostInfo(), ctx.path() + "?local=true&" + ctx.queryString(), ctx.header("Authorization"));
                    Map<String, List<ProcessView.Summary>> remote = json.readValue(answer.body(), new TypeReference<>() { });
                    out.addAll(remote.getOrDefault("processes", List.of()));
                }
            }
        }
        out.sort(Comparator.comparing(ProcessView.Summary::processId));
        ctx.json(Map.of("processes", out, "policy", policy));
    }

    void one(Context ctx) {
        String id = processId(ctx.pathParam("id"));
        if (self != null && !QueryParams.flag(ctx, "local") && peers.forwardedTo(stores.owner(id), self, ctx)) {
            return;
        }
        Map<ProcessCellKey, BucketStats> cells = stores.localCells(id);
        if (cells.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no traffic names training process '" + id + "'"));
            return;
        }
        ctx.json(ProcessView.of(id, cells, policy(ctx), QueryParams.alpha(ctx)));
    }

    /** Process ids come from traffic, so any text is allowed, within limits; pages escape it. */
    static String processId(String id) {
        if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("process id must be 1-200 characters without control characters");
        }
        return id;
    }

    private ScorecardPolicy policy(Context ctx) {
        double threshold = QueryParams.number(ctx, "threshold", defaults.threshold(), 0.0, 0.999);
        double delta = QueryParams.number(ctx, "delta", defaults.delta(), 1e-9, 0.5);
        long minLabels = QueryParams.count(ctx, "minLabels", defaults.minLabels(), 1, 1_000_000);
        return new ScorecardPolicy(threshold, delta, minLabels);
    }
}
