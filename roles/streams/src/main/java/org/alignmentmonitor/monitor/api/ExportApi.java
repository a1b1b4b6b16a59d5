package org.alignmentmonitor.monitor.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.monitor.access.AccessControl;
import org.alignmentmonitor.monitor.audit.AuditKind;
import org.alignmentmonitor.monitor.audit.AuditTrail;
import org.alignmentmonitor.monitor.export.BucketRow;
import org.alignmentmonitor.monitor.export.ExportBundle;
import org.alignmentmonitor.monitor.export.LabelledItem;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.runtime.TopicScan;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.review.LabelApplier;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /api/v1/export?model&version&from&to}: a zip with the window's per-bucket statistics (the exact parts
 * {@code /api/v1/rates} merges), every labelled item of the window with its inclusion probability, score and label
 * history (read from the review-tasks and labels topics), as JSONL and CSV, and a manifest with SHA-256 digests.
 * Each export is recorded on the audit trail with its manifest digest.
 */
public final class ExportApi {

    private final StatsStores stores;
    private final HostInfo self;
    private final Map<String, Object> clientConfig;
    private final MonitorTopics topics;
    private final String samplingSalt;
    private final AuditTrail audit;

    public ExportApi(StatsStores stores, HostInfo self, Map<String, Object> clientConfig, MonitorTopics topics, String samplingSalt,
                     AuditTrail audit) {
        this.stores = stores;
        this.self = self;
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.samplingSalt = samplingSalt;
        this.audit = audit;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/export", this::export);
    }

    private void export(Context ctx) throws Exception {
        String model = QueryParams.requiredName(ctx, "model");
        String version = QueryParams.requiredName(ctx, "version");
        long from = QueryParams.instant(ctx, "from", 0L);
        long to = QueryParams.instant(ctx, "to", System.currentTimeMillis() + 86_400_000L);
        if (from >= to) {
            throw new BadRequestException("'from' must be before 'to'");
        }
        if (self != null) {
            KeyQueryMetadata owner = stores.owner(model, version);
            if (!owner.equals(KeyQueryMetadata.NOT_AVAILABLE) && !owner.activeHost().equals(self)) {
                throw new PeerClient.PeerUnavailableException("the statistics of " + model + ":" + version + " live on "
                        + owner.activeHost().host() + ":" + owner.activeHost().port() + "; ask that instance for the export");
            }
        }
        StatsStores.WindowParts parts = stores.localParts(model, version, from, to);
        ExportBundle bundle = ExportBundle.of(new ExportBundle.Contents(model, version, parts.from(), parts.to(), System.currentTimeMillis(),
                samplingSalt, parts.parts().stream().map(BucketRow::of).toList(), items(model, version, parts.from(), parts.to())));
        ReviewUser user = AccessControl.user(ctx).orElse(null);
        audit.record(AuditTrail.event(AuditKind.EXPORTED, user == null ? "anonymous" : user.name(),
                user == null ? "" : user.role().configName(), model + ":" + version + "@" + parts.from() + ".." + parts.to(),
                Map.of("manifestSha256", bundle.manifestSha256()), System.currentTimeMillis()));
        ctx.header("Content-Disposition", "attachment; filename=\"export.zip\"");
        ctx.header("X-Export-Manifest-SHA256", bundle.manifestSha256());
        ctx.contentType("application/zip");
        bundle.writeZip(ctx.outputStream());
    }

    /** Review tasks of the window (gold items excluded) with every label given on them. */
    private List<LabelledItem> items(String model, String version, long from, long to) {
        Map<String, ReviewTask> tasks = new HashMap<>();
        TopicScan.readAll(clientConfig, topics.reviewTasks(), t -> {
            long at = t.getEventTime().toEpochMilli();
            if (t.getModel().equals(model) && t.getVersion().equals(version) && at >= from && at < to && !t.getGold()) {
                tasks.putIfAbsent(t.getInteractionId(), t);
            }
        });
        Map<String, List<Label>> labels = new HashMap<>();
        TopicScan.readAll(clientConfig, topics.labels(), l -> {
            if (tasks.containsKey(l.getInteractionId()) && !l.getTaskId().startsWith(LabelApplier.GOLD_PREFIX)) {
                labels.computeIfAbsent(l.getInteractionId(), k -> new ArrayList<>()).add(l);
            }
        });
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> LabelledItem.of(tasks.get(e.getKey()), e.getValue())).toList();
    }
}
