package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.monitor.audit.AuditKind;
import org.alignmentmonitor.monitor.audit.AuditTrail;
import org.alignmentmonitor.monitor.review.GoldItems.GoldItem;
import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.quality.QualityCalculator;
import org.alignmentmonitor.review.quality.QualityReport;
import org.alignmentmonitor.review.queue.AdjudicationCase;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.LabelCheck;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.queue.LeaseGrants;
import org.alignmentmonitor.review.queue.LeaseLog;
import org.alignmentmonitor.review.queue.LeaseRecord;
import org.alignmentmonitor.review.queue.QueueItem;
import org.alignmentmonitor.review.queue.ReviewQueue;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;

/**
 * The review queue fed by the topics, plus what it shows and accepts. A label is published and acknowledged before
 * it is applied here, and the topic is the truth: after a restart the queue is rebuilt from it.
 */
public final class ReviewService implements ReviewFeed.Sink<ReviewTask, Label>, AutoCloseable {

    private static final int LOCK_STRIPES = 64;

    private final ReviewQueue queue;
    private final LeaseGrants grants;
    private final UserDirectory users;
    private final LabellingManual manual;
    private final LabelSink publisher;
    private final AuditTrail audit;
    private final LongSupplier clock;
    private final Catalog catalog = new Catalog();
    private final Object[] stripes = new Object[LOCK_STRIPES];

    /** Where accepted labels go before they count: the labels topic in production. */
    interface LabelSink {
        void publish(Label label) throws LabelPublisher.LabelNotSavedException;
    }

    public enum Outcome { SAVED, UNCHANGED, REJECTED }

    /** A service whose queue no other replica shares: leases are granted at once. */
    ReviewService(ReviewQueue queue, UserDirectory users, LabellingManual manual, List<GoldItem> gold, LabelSink publisher,
                  LongSupplier clock) {
        this(queue, new LeaseGrants(queue, r -> CompletableFuture.completedFuture(queue.apply(r)), Duration.ZERO, "local"), users,
                manual, gold, publisher, AuditTrail.NONE, clock);
    }

    ReviewService(ReviewQueue queue, LeaseGrants grants, UserDirectory users, LabellingManual manual, List<GoldItem> gold,
                  LabelSink publisher, AuditTrail audit, LongSupplier clock) {
        this.queue = queue;
        this.grants = grants;
        this.audit = audit;
        this.users = users;
        this.manual = manual;
        this.publisher = publisher;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            stripes[i] = new Object();
        }
        for (GoldItem g : gold) {
            catalog.putGold(g.entry());
            queue.add(QueueItem.gold(g.entry().itemId(), g.answer()));
        }
    }

    @Override
    public void task(ReviewTask task) {
        String itemId = task.getInteractionId();
        if (!ReviewIds.valid(itemId)) {
            throw new IllegalArgumentException("review task with an unusable interaction id");
        }
        catalog.putIfAbsent(itemId, task);
        queue.add(QueueItem.task(itemId, task.getCreatedAt().toEpochMilli()));
    }

    @Override
    public void label(Label label) {
        queue.record(TaskMapping.event(label), users.isLead(label.getLabeller()));
    }

    @Override
    public boolean lease(LeaseRecord record) {
        return queue.apply(record);
    }

    /**
     * The user's lease, or a new one once the lease log confirmed it.
     *
     * @throws LeaseLog.Unconfirmed when the log did not confirm it in time
     */
    public Optional<Assignment> next(ReviewUser user) throws InterruptedException {
        return grants.next(user.name());
    }

    public Optional<ItemView> view(ReviewUser user, String itemId) {
        CatalogEntry entry = catalog.get(itemId).orElse(null);
        if (entry == null || !queue.mayLabel(itemId, user.name(), user.lead())) {
            return Optional.empty();
        }
        return Optional.of(new ItemView(itemId, ContentRedaction.apply(entry.content()), queue.latest(itemId, user.name()),
                user.lead() ? queue.history(itemId) : List.of(), user.lead() ? queue.openCase(itemId) : Optional.empty()));
    }

    /**
     * Publishes a new or changed label and waits for Kafka's acknowledgement; an identical resubmission publishes
     * nothing. Submissions of one person on one item are serialised, so a double click cannot publish twice.
     */
    public Outcome submit(ReviewUser user, LabelInput input) throws LabelPublisher.LabelNotSavedException {
        CatalogEntry entry = catalog.get(input.itemId()).orElse(null);
        if (entry == null) {
            return Outcome.REJECTED;
        }
        synchronized (stripes[Math.floorMod((input.itemId() + '\u0000' + user.name()).hashCode(), LOCK_STRIPES)]) {
            LabelEvent event = new LabelEvent(input.itemId(), user.name(), input.judgment(), input.categories(), input.note(),
                    manual.version(), clock.getAsLong());
            LabelCheck check = queue.check(event, user.lead());
            if (check == LabelCheck.REJECTED) {
                return Outcome.REJECTED;
            }
            if (check == LabelCheck.UNCHANGED) {
                return Outcome.UNCHANGED;
            }
            AuditKind kind = user.lead() && queue.openCase(input.itemId()).isPresent() ? AuditKind.ADJUDICATED
                    : queue.latest(input.itemId(), user.name()).isPresent() ? AuditKind.CORRECTED : AuditKind.LABELLED;
            Label label = TaskMapping.label(entry, event);
            publisher.publish(label);
            audit.record(AuditTrail.event(kind, user.name(), user.role().configName(), label.getInteractionId(),
                    Map.of("label", event.judgment().name(), "taskId", label.getTaskId(), "model", label.getModel(),
                            "version", label.getVersion(), "manualVersion", event.manualVersion()), event.labelledAt()));
            queue.record(event, user.lead());
            return Outcome.SAVED;
        }
    }

    public QualityReport quality() {
        return QualityCalculator.report(queue, clock.getAsLong());
    }

    public List<AdjudicationCase> openCases() {
        return queue.openCases();
    }

    public LabellingManual manual() {
        return manual;
    }

    public ReviewQueue queue() {
        return queue;
    }

    @Override
    public void close() {
        catalog.close();
    }
}
