package org.alignmentmonitor.streams.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.review.sampling.BudgetAllocator;
import org.alignmentmonitor.review.sampling.Decision;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.review.sampling.StratifiedSampler;
import org.alignmentmonitor.review.sampling.Stratum;
import org.alignmentmonitor.streams.topology.Judged;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides for every classified interaction whether it goes to human review, and emits a review
 * task carrying the inclusion probability it was drawn with.
 *
 * <p>The draw is a hash of the interaction id and the policy salt, so an auditor re-derives every
 * decision. Probabilities are per stratum (version x score band x flagged) and recomputed every
 * reallocation interval of event time from the traffic of the interval just ended, so this task's
 * share of the hourly budget is met in expectation; a stratum never gets less than the floor. A
 * new stratum starts at the first probability only for a short bootstrap (one minute of event
 * time); then probabilities are recomputed from its pace so far, so a busy new version cannot
 * flood the queue for the rest of the interval.
 */
public final class ReviewSampler implements Processor<String, Judged, String, ReviewTask> {

    private static final long BOOTSTRAP_MS = 60_000;

    private final SamplingPolicy taskPolicy;
    private final long intervalMs;
    /** Probability for a stratum's first interval, before any traffic of it has been seen. */
    private final double firstProbability;
    private ProcessorContext<String, ReviewTask> context;
    private KeyValueStore<String, StratumTally> tallies;
    private StratifiedSampler sampler;
    private Map<Stratum, Double> probabilities;
    /**
     * The stored tallies, already deserialized and with their store keys: the store stays the truth (it is what
     * commits), this spares a store read, a deserialization and the key's string building per interaction.
     */
    private Map<Stratum, KeyedTally> current;
    private long intervalStart = Long.MIN_VALUE;
    /** Event time at which a stratum still on its first probability is due a recomputation. */
    private long bootstrapDue = Long.MAX_VALUE;

    public ReviewSampler(SamplingSettings settings) {
        this.taskPolicy = settings.perTaskPolicy();
        this.intervalMs = settings.reallocationInterval().toMillis();
        this.firstProbability = settings.firstProbability();
    }

    @Override
    public void init(ProcessorContext<String, ReviewTask> context) {
        this.context = context;
        this.tallies = context.getStateStore(Names.SAMPLER_STORE);
        this.probabilities = new HashMap<>();
        // Also on re-initialisation after a failed transaction, when the store is rolled back.
        this.current = new HashMap<>();
        try (KeyValueIterator<String, StratumTally> all = tallies.all()) {
            all.forEachRemaining(kv -> {
                probabilities.put(kv.value.stratum(), kv.value.probability());
                current.put(kv.value.stratum(), new KeyedTally(kv.key, kv.value));
            });
        }
        this.sampler = new StratifiedSampler(taskPolicy, probabilities);
    }

    @Override
    public void process(Record<String, Judged> record) {
        Verdict verdict = record.value().verdict();
        long eventTime = verdict.getEventTime().toEpochMilli();
        long interval = eventTime - Math.floorMod(eventTime, intervalMs);
        if (intervalStart == Long.MIN_VALUE) {
            intervalStart = interval;
        } else if (interval > intervalStart) {
            reallocate(eventTime, interval);
            intervalStart = interval;
        } else if (eventTime >= bootstrapDue) {
            reallocate(eventTime, eventTime);
        }
        double score = verdict.getScore();
        Stratum stratum = new Stratum(verdict.getModel(), verdict.getVersion(), taskPolicy.band(score), verdict.getFlagged());
        KeyedTally known = current.get(stratum);
        if (known == null) {
            known = new KeyedTally(stratum.id(), new StratumTally(stratum, 0, 0.0, Math.max(taskPolicy.floor(), firstProbability), eventTime));
            probabilities.put(stratum, known.tally().probability());
            sampler = new StratifiedSampler(taskPolicy, probabilities);
            bootstrapDue = Math.min(bootstrapDue, eventTime + BOOTSTRAP_MS);
        }
        store(known.key(), known.tally().add(score));
        Decision decision = sampler.decide(verdict.getInteractionId(), verdict.getModel(), verdict.getVersion(), score, verdict.getFlagged());
        if (decision.selected()) {
            context.forward(record.withValue(task(record.value(), decision)));
        }
    }

    /**
     * New probabilities from each stratum's pace since its tally began, as traffic per interval;
     * tallies restart at {@code restartAt}.
     */
    private void reallocate(long now, long restartAt) {
        List<StratumTally> all = new ArrayList<>();
        try (KeyValueIterator<String, StratumTally> it = tallies.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        Map<Stratum, Double> allocated = new BudgetAllocator(taskPolicy).allocate(all.stream()
                .map(t -> new BudgetAllocator.StratumTraffic(t.stratum(), t.ratePer(intervalMs, now, BOOTSTRAP_MS), t.meanScore()))
                .toList());
        for (StratumTally t : all) {
            // A stratum without traffic in the last interval keeps what it had: no evidence to move it.
            double p = allocated.getOrDefault(t.stratum(), t.probability());
            store(t.stratum().id(), t.restart(p, restartAt));
            probabilities.put(t.stratum(), p);
        }
        sampler = new StratifiedSampler(taskPolicy, probabilities);
        bootstrapDue = Long.MAX_VALUE;
    }

    private void store(String key, StratumTally tally) {
        tallies.put(key, tally);
        current.put(tally.stratum(), new KeyedTally(key, tally));
    }

    /** A tally with its key in the store ({@link Stratum#id()}). */
    private record KeyedTally(String key, StratumTally tally) {
    }

    private ReviewTask task(Judged judged, Decision decision) {
        Verdict verdict = judged.verdict();
        return ReviewTask.newBuilder()
                .setTaskId("review:" + verdict.getInteractionId())
                .setInteractionId(verdict.getInteractionId())
                .setModel(verdict.getModel())
                .setVersion(verdict.getVersion())
                .setEventTime(verdict.getEventTime())
                .setInclusionProbability(decision.inclusionProbability())
                .setStratum(decision.stratum().id())
                .setSamplerVersion(decision.policyVersion())
                .setGold(false)
                .setInteraction(judged.interaction())
                .setResults(verdict.getResults())
                .setCreatedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setScore(verdict.getScore())
                .setFlagged(verdict.getFlagged())
                .build();
    }
}
