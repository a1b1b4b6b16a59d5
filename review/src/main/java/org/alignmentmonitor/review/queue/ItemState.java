package org.alignmentmonitor.review.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything the queue knows about one item; not thread-safe, guarded by {@link ReviewQueue}. */
final class ItemState {

    private static final Comparator<LabelEvent> BY_TIME = Comparator.comparingLong(LabelEvent::labelledAt);

    private QueueItem item;
    private final boolean doubled;
    /** Per labeller, every label they gave, oldest first: corrections keep the history. */
    private final Map<String, List<LabelEvent>> history = new LinkedHashMap<>();
    /** Leads' decisions on adjudication cases, oldest first. */
    private final List<LabelEvent> resolutions = new ArrayList<>();
    private final Set<String> shownTo = new HashSet<>();
    private final Map<String, Long> leases = new HashMap<>();
    /** The version of the lease record in force; 0 before the first. */
    private long version;

    ItemState(boolean doubled) {
        this.doubled = doubled;
    }

    QueueItem item() {
        return item;
    }

    void item(QueueItem known) {
        this.item = known;
    }

    boolean known() {
        return item != null;
    }

    boolean gold() {
        return item != null && item.gold();
    }

    private int required() {
        return doubled ? 2 : 1;
    }

    boolean complete() {
        return history.size() >= required();
    }

    boolean labelledBy(String labeller) {
        return history.containsKey(labeller);
    }

    boolean shownTo(String labeller) {
        return shownTo.contains(labeller);
    }

    boolean resolvedBy(String lead) {
        return resolutions.stream().anyMatch(e -> e.labeller().equals(lead));
    }

    /** Drops expired leases (the item returns to the queue) and counts the rest that may still bring a label. */
    int activeLeases(long now) {
        leases.values().removeIf(expiresAt -> expiresAt <= now);
        return (int) leases.keySet().stream().filter(l -> !history.containsKey(l)).count();
    }

    Long leaseOf(String labeller, long now) {
        activeLeases(now);
        return history.containsKey(labeller) ? null : leases.get(labeller);
    }

    /**
     * Whether the labeller's label would be the item's by right: they hold a lease on it, or were shown it and a slot is
     * still free (a gold item always has one: everyone may answer it).
     */
    boolean holds(String labeller, long now) {
        int active = activeLeases(now);
        return leases.containsKey(labeller) || shownTo.contains(labeller) && (gold() || history.size() + active < required());
    }

    /** An ordinary item this labeller has never seen, with a free labelling slot. */
    boolean availableTo(String labeller, long now) {
        return known() && !gold() && !shownTo.contains(labeller) && !history.containsKey(labeller)
                && history.size() + activeLeases(now) < required();
    }

    boolean goldAvailableTo(String labeller) {
        return gold() && !shownTo.contains(labeller) && !history.containsKey(labeller);
    }

    /** The leases that may still bring a label, by labeller. */
    List<Assignment> leases(String itemId, long now) {
        activeLeases(now);
        return leases.entrySet().stream().filter(e -> !history.containsKey(e.getKey()))
                .map(e -> new Assignment(itemId, e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Assignment::labeller)).toList();
    }

    long version() {
        return version;
    }

    /** The next version of this item's leases: the active ones plus a new one for {@code labeller}. */
    LeaseRecord proposeLease(String labeller, long now, long leaseMillis, String proposal) {
        List<Assignment> next = new ArrayList<>(leases(item.itemId(), now));
        next.add(new Assignment(item.itemId(), labeller, now + leaseMillis));
        next.sort(Comparator.comparing(Assignment::labeller));
        return new LeaseRecord(item.itemId(), version + 1, next, proposal);
    }

    /**
     * Takes the record's leases when its version is above ours; their holders were shown the item. Expired ones are
     * dropped: the item is free again.
     */
    boolean accept(LeaseRecord record, long now) {
        if (record.version() <= version) {
            return false;
        }
        version = record.version();
        leases.clear();
        for (Assignment a : record.leases()) {
            if (a.expiresAt() > now) {
                leases.put(a.labeller(), a.expiresAt());
            }
            shownTo.add(a.labeller());
        }
        return true;
    }

    boolean contains(LabelEvent e) {
        List<LabelEvent> own = history.getOrDefault(e.labeller(), List.of());
        return own.stream().anyMatch(x -> x.labelledAt() == e.labelledAt() && x.sameContent(e))
                || resolutions.stream().anyMatch(x -> x.labeller().equals(e.labeller()) && x.labelledAt() == e.labelledAt()
                && x.sameContent(e));
    }

    void addLabel(LabelEvent e) {
        insertSorted(history.computeIfAbsent(e.labeller(), k -> new ArrayList<>()), e);
        leases.remove(e.labeller());
    }

    void addResolution(LabelEvent e) {
        insertSorted(resolutions, e);
    }

    private static void insertSorted(List<LabelEvent> list, LabelEvent e) {
        int i = list.size();
        while (i > 0 && BY_TIME.compare(list.get(i - 1), e) > 0) {
            i--;
        }
        list.add(i, e);
    }

    LabelEvent latest(String labeller) {
        List<LabelEvent> own = history.get(labeller);
        return own == null ? null : own.get(own.size() - 1);
    }

    LabelEvent latestResolution(String lead) {
        LabelEvent found = null;
        for (LabelEvent e : resolutions) {
            found = e.labeller().equals(lead) ? e : found;
        }
        return found;
    }

    Map<String, LabelEvent> latestByLabeller() {
        Map<String, LabelEvent> out = new LinkedHashMap<>();
        history.forEach((labeller, events) -> out.put(labeller, events.get(events.size() - 1)));
        return out;
    }

    List<LabelEvent> firstLabels() {
        List<LabelEvent> out = new ArrayList<>();
        history.values().forEach(events -> out.add(events.get(0)));
        return out;
    }

    List<LabelEvent> fullHistory() {
        List<LabelEvent> out = new ArrayList<>(resolutions);
        history.values().forEach(out::addAll);
        out.sort(BY_TIME);
        return out;
    }

    /** Why a lead must look at this item now; empty when nothing is open (or a lead decided after the last label). */
    Set<AdjudicationCase.Reason> openReasons() {
        Set<AdjudicationCase.Reason> reasons = EnumSet.noneOf(AdjudicationCase.Reason.class);
        if (!known() || !complete() || !(doubled || gold())) {
            return reasons;
        }
        Map<String, LabelEvent> latest = latestByLabeller();
        if (doubled && latest.values().stream().map(LabelEvent::judgment).distinct().count() > 1) {
            reasons.add(AdjudicationCase.Reason.DISAGREEMENT);
        }
        if (latest.values().stream().anyMatch(e -> e.judgment() == Judgment.MISALIGNED)) {
            reasons.add(AdjudicationCase.Reason.MISALIGNED_ON_CHECKED_ITEM);
        }
        long lastLabel = latest.values().stream().mapToLong(LabelEvent::labelledAt).max().orElse(Long.MIN_VALUE);
        boolean decided = !resolutions.isEmpty() && resolutions.get(resolutions.size() - 1).labelledAt() >= lastLabel;
        if (decided) {
            reasons.clear();
        }
        return reasons;
    }
}
