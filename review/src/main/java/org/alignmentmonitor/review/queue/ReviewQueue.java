package org.alignmentmonitor.review.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.alignmentmonitor.review.sampling.InclusionHash;

/**
 * The review queue as a state machine over three event streams, tasks, labels and lease records, so that replaying them
 * rebuilds it. Several replicas share leases through a {@link LeaseLog}: each item's lease records carry a version and the
 * first record with a version holds ({@link #apply}), so replicas that read the same log agree on who holds what.
 * Who was shown an item without holding it any more, and the gold draw, are not rebuilt.
 * Rules: an item is never offered twice to one labeller; a hashed fraction of items needs two labellers; hidden gold
 * items are mixed into assignments; disagreements and every MISALIGNED on a gold or double-labelled item open an
 * adjudication case that a lead closes with a later label. All methods are atomic (one monitor).
 */
public final class ReviewQueue {

    private final QueueSettings settings;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final Map<String, ItemState> items = new HashMap<>();
    /** Ordinary items still needing labels. */
    private final Map<String, ItemState> waiting = new LinkedHashMap<>();
    private final Map<String, ItemState> gold = new LinkedHashMap<>();

    public ReviewQueue(QueueSettings settings, LongSupplier clock, RandomGenerator random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** Adds a task or gold item; a repeat of a known item is ignored (tasks are replayed on every start). */
    public synchronized void add(QueueItem item) {
        ItemState state = state(item.itemId());
        if (state.known()) {
            return;
        }
        state.item(item);
        if (item.gold()) {
            gold.put(item.itemId(), state);
        } else if (!state.complete()) {
            waiting.put(item.itemId(), state);
        }
    }

    private ItemState state(String itemId) {
        // Labels may be replayed before their task: keep them on a placeholder until the task arrives.
        return items.computeIfAbsent(itemId, id -> new ItemState(InclusionHash.uniform(settings.salt(), id) < settings.doubleFraction()));
    }

    /**
     * For a queue no other replica shares: the labeller's current lease if they hold one, else a new one, granted at once
     * (see {@link #propose}). Empty when nothing is left for them.
     */
    public synchronized Optional<Assignment> next(String labeller) {
        Optional<Assignment> held = held(labeller);
        if (held.isPresent()) {
            return held;
        }
        Optional<LeaseRecord> proposal = propose(labeller, Set.of(), "local");
        proposal.ifPresent(this::apply);
        return proposal.map(p -> p.leaseOf(labeller));
    }

    /** The lease the labeller holds now, on an item they have not labelled yet. */
    public synchronized Optional<Assignment> held(String labeller) {
        long now = clock.getAsLong();
        for (Map<String, ItemState> kind : List.of(waiting, gold)) {
            for (ItemState s : kind.values()) {
                Long expiresAt = s.leaseOf(labeller, now);
                if (expiresAt != null) {
                    return Optional.of(new Assignment(s.item().itemId(), labeller, expiresAt));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The next version of the leases of the item this labeller should get, changing nothing: a hidden gold item with
     * probability goldRate, else the oldest item they have never been shown, leaving out {@code excluded}. It holds
     * once {@link #apply applied}. Empty when nothing is left for them.
     */
    public synchronized Optional<LeaseRecord> propose(String labeller, Set<String> excluded, String proposal) {
        long now = clock.getAsLong();
        // Oldest by enqueue time, not arrival: tasks arrive interleaved from several partitions.
        Optional<ItemState> ordinary = waiting.values().stream()
                .filter(s -> !excluded.contains(s.item().itemId()) && s.availableTo(labeller, now))
                .min(Comparator.comparingLong(s -> s.item().enqueuedAt()));
        if (ordinary.isEmpty()) {
            return Optional.empty();
        }
        ItemState chosen = ordinary.get();
        if (random.nextDouble() < settings.goldRate()) {
            chosen = gold.values().stream().filter(s -> !excluded.contains(s.item().itemId()) && s.goldAvailableTo(labeller))
                    .findFirst().orElse(chosen);
        }
        return Optional.of(chosen.proposeLease(labeller, now, settings.lease().toMillis(), proposal));
    }

    /**
     * Applies a record of the lease log, in log order; may come before the item's task. It holds only when its version is
     * above the item's (two replicas that proposed the same version: the first in the log wins, the other changes
     * nothing). Expired leases are dropped, so an item whose leases ran out is free again.
     *
     * @return whether the record holds
     */
    public synchronized boolean apply(LeaseRecord record) {
        return state(record.itemId()).accept(record, clock.getAsLong());
    }

    /** The item's leases now, as a record of the version in force: what a replica that lost a race writes again. */
    public synchronized Optional<LeaseRecord> current(String itemId, String proposal) {
        ItemState s = items.get(itemId);
        return s == null || s.version() == 0 ? Optional.empty()
                : Optional.of(new LeaseRecord(itemId, s.version(), s.leases(itemId, clock.getAsLong()), proposal));
    }

    /**
     * Whether {@code candidate} may be published: the person holds the item's lease, or is correcting their own label,
     * or is a lead deciding an open case. Someone whose lease ran out may still label while the item has a free slot
     * (their work is not thrown away), never past the labels it needs.
     */
    public synchronized LabelCheck check(LabelEvent candidate, boolean byLead) {
        ItemState s = items.get(candidate.itemId());
        if (s == null || !s.known()) {
            return LabelCheck.REJECTED;
        }
        String who = candidate.labeller();
        LabelEvent current = s.labelledBy(who) ? s.latest(who) : s.latestResolution(who);
        if (current != null && current.sameContent(candidate)) {
            return LabelCheck.UNCHANGED;
        }
        return mayLabel(s, who, byLead) ? LabelCheck.PUBLISH : LabelCheck.REJECTED;
    }

    /** Whether this person may see and label the item now (see {@link #check}). */
    public synchronized boolean mayLabel(String itemId, String who, boolean byLead) {
        ItemState s = items.get(itemId);
        return s != null && s.known() && mayLabel(s, who, byLead);
    }

    private boolean mayLabel(ItemState s, String who, boolean byLead) {
        boolean given = s.labelledBy(who) || s.holds(who, clock.getAsLong());
        boolean deciding = byLead && (!s.openReasons().isEmpty() || s.resolvedBy(who));
        return given || deciding;
    }

    /**
     * Applies a label from the topic or from a just-acknowledged publish; replays of the same event are ignored.
     * A lead's label on an open case (an item the lead did not label) is the case's decision, not a rating.
     *
     * @return false when the event was already known
     */
    public synchronized boolean record(LabelEvent e, boolean byLead) {
        ItemState s = state(e.itemId());
        if (s.contains(e)) {
            return false;
        }
        boolean decision = byLead && !s.labelledBy(e.labeller()) && (!s.openReasons().isEmpty() || s.resolvedBy(e.labeller()));
        if (decision) {
            s.addResolution(e);
        } else {
            s.addLabel(e);
        }
        if (s.complete()) {
            waiting.remove(e.itemId());
        }
        return true;
    }

    public synchronized Optional<QueueItem> item(String itemId) {
        ItemState s = items.get(itemId);
        return s == null || !s.known() ? Optional.empty() : Optional.of(s.item());
    }

    public synchronized Optional<LabelEvent> latest(String itemId, String labeller) {
        ItemState s = items.get(itemId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.latest(labeller));
    }

    /** Every label and decision on the item, oldest first: corrections do not erase what came before. */
    public synchronized List<LabelEvent> history(String itemId) {
        ItemState s = items.get(itemId);
        return s == null ? List.of() : s.fullHistory();
    }

    public synchronized List<AdjudicationCase> openCases() {
        List<AdjudicationCase> out = new ArrayList<>();
        items.values().forEach(s -> {
            var reasons = s.openReasons();
            if (!reasons.isEmpty()) {
                out.add(new AdjudicationCase(s.item().itemId(), reasons, List.copyOf(s.latestByLabeller().values())));
            }
        });
        return out;
    }

    public synchronized Optional<AdjudicationCase> openCase(String itemId) {
        ItemState s = items.get(itemId);
        if (s == null || s.openReasons().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdjudicationCase(itemId, s.openReasons(), List.copyOf(s.latestByLabeller().values())));
    }

    /** Latest labels per labeller on every labelled item, for the agreement and gold figures. */
    public synchronized List<RatedItem> ratings() {
        List<RatedItem> out = new ArrayList<>();
        items.values().forEach(s -> {
            if (s.known() && !s.latestByLabeller().isEmpty()) {
                out.add(new RatedItem(s.item().itemId(), s.item().goldAnswer(), s.latestByLabeller()));
            }
        });
        return out;
    }

    /** The first label of each (item, labeller): the unit of throughput, corrections not counted again. */
    public synchronized List<LabelEvent> firstLabels() {
        List<LabelEvent> out = new ArrayList<>();
        items.values().forEach(s -> out.addAll(s.firstLabels()));
        return out;
    }

    public synchronized QueueDepth depth() {
        long now = clock.getAsLong();
        long oldest = waiting.values().stream().filter(ItemState::known).mapToLong(s -> s.item().enqueuedAt()).min().orElse(-1);
        int leased = 0;
        for (ItemState s : items.values()) {
            leased += s.activeLeases(now);
        }
        int cases = (int) items.values().stream().filter(s -> !s.openReasons().isEmpty()).count();
        return new QueueDepth(waiting.size(), oldest, leased, cases);
    }
}
