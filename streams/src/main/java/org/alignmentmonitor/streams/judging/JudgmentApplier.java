package org.alignmentmonitor.streams.judging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.streams.errors.InvalidRecordException;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns judge verdicts (one classifier result each) into statistics deltas for the bucket of the
 * interaction's event time. Each (interaction, judge) counts once with its latest outcome: a
 * judgment redelivered after a restart adds nothing, an unscored one later scored moves the count.
 */
public final class JudgmentApplier implements Processor<String, Verdict, BucketKey, BucketStats> {

    private final long bucketMs;
    private final Duration horizon;
    private ProcessorContext<BucketKey, BucketStats> context;
    /** (interaction id, judge id) -> the outcome counted, see {@link CountedJudgment}. */
    private KeyValueStore<String, String> counted;

    public JudgmentApplier(Duration bucketSize, Duration horizon) {
        this.bucketMs = bucketSize.toMillis();
        this.horizon = horizon;
    }

    @Override
    public void init(ProcessorContext<BucketKey, BucketStats> context) {
        this.context = context;
        this.counted = context.getStateStore(Names.JUDGMENT_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Verdict> record) {
        Verdict judgment = record.value();
        if (judgment == null || judgment.getInteractionId() == null || judgment.getInteractionId().isBlank()) {
            throw new InvalidRecordException("judgment without an interaction id");
        }
        if (judgment.getResults().size() != 1) {
            throw new InvalidRecordException("judgment must carry exactly one classifier result, got " + judgment.getResults().size());
        }
        ClassifierResult result = judgment.getResults().get(0);
        long eventTime = judgment.getEventTime().toEpochMilli();
        if (record.timestamp() - eventTime > horizon.toMillis()) {
            throw new InvalidRecordException("judgment arrived " + Duration.ofMillis(record.timestamp() - eventTime).toHours()
                    + " h after its interaction; the horizon is " + horizon.toHours() + " h");
        }
        String key = judgment.getInteractionId() + '\u0000' + result.getClassifierId();
        CountedJudgment now = CountedJudgment.of(result, eventTime);
        CountedJudgment before = CountedJudgment.parse(counted.get(key));
        if (now.equals(before)) {
            return;
        }
        counted.put(key, now.format());
        BucketKey bucket = new BucketKey(judgment.getModel(), judgment.getVersion(), eventTime - Math.floorMod(eventTime, bucketMs));
        BucketStats delta = BucketStatsMath.empty(bucket, bucketMs);
        JudgeTally tally = new JudgeTally(0L, 0L, 0.0, 0L);
        if (before != null) {
            before.addTo(tally, -1);
        }
        now.addTo(tally, 1);
        delta.getJudges().put(result.getClassifierId(), tally);
        context.forward(new Record<>(bucket, delta, record.timestamp()));
    }

    /** Judgments past the horizon are refused anyway, so their entries can go. */
    private void expire(long streamTime) {
        long cutoff = streamTime - horizon.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = counted.all()) {
            it.forEachRemaining(kv -> {
                CountedJudgment c = CountedJudgment.parse(kv.value);
                if (c == null || c.eventTime() < cutoff) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(counted::delete);
    }

    /** The outcome of one judgment as counted, stored compactly as {@code status|flagged|score|eventTime}. */
    public record CountedJudgment(boolean scored, boolean flagged, double score, long eventTime) {

        public static CountedJudgment of(ClassifierResult result, long eventTime) {
            boolean scored = result.getStatus() == ScoreStatus.SCORED;
            return new CountedJudgment(scored, scored && result.getFlagged(), scored ? result.getScore() : 0.0, eventTime);
        }

        public static CountedJudgment parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\|");
            return new CountedJudgment("S".equals(parts[0]), "1".equals(parts[1]), Double.parseDouble(parts[2]), Long.parseLong(parts[3]));
        }

        String format() {
            return (scored ? "S" : "U") + '|' + (flagged ? '1' : '0') + '|' + score + '|' + eventTime;
        }

        void addTo(JudgeTally tally, int sign) {
            if (scored) {
                tally.setScored(tally.getScored() + sign);
                tally.setScoreSum(tally.getScoreSum() + sign * score);
                if (flagged) {
                    tally.setFlagged(tally.getFlagged() + sign);
                }
            } else {
                tally.setUnscored(tally.getUnscored() + sign);
            }
        }
    }
}
