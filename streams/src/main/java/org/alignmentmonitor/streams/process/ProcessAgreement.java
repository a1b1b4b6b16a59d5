package org.alignmentmonitor.streams.process;

import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.streams.judging.JudgmentApplier.CountedJudgment;
import org.alignmentmonitor.streams.review.LabelChange;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How often each asynchronous judge (self-classifier, overseer, learned) agrees with the human
 * label, per process cell: the 2x2 table of judge flag against label, kept in the cell's judge map
 * under {@code judge@MISALIGNED}, {@code judge@ALIGNED} and {@code judge@AMBIGUOUS} (a tally's
 * {@code scored} counts the labelled items the judge scored, {@code flagged} those it flagged).
 *
 * <p>A pair forms when both the label and the judgment exist, whichever comes first, and changes
 * when either is replaced. The pair counted is remembered per (interaction, judge), so each change
 * is an exact delta, like every other statistic.
 */
public final class ProcessAgreement {

    private static final String SEP = "\u0000";

    private ProcessAgreement() {
    }

    /** The judge-map key of a judge's tally among items humans labelled {@code label}. */
    public static String tallyKey(String judge, LabelValue label) {
        return judge + "@" + label.name();
    }

    /** Judgments side: a judgment for a labelled process interaction replaces that judge's pair. */
    static final class OnJudgment implements Processor<String, Verdict, String, BucketStats> {

        private ProcessorContext<String, BucketStats> context;
        private KeyValueStore<String, ReviewTask> tasks;
        private KeyValueStore<String, Label> labels;
        private KeyValueStore<String, String> counted;

        @Override
        public void init(ProcessorContext<String, BucketStats> context) {
            this.context = context;
            this.tasks = context.getStateStore(Names.REVIEW_TASK_STORE);
            this.labels = context.getStateStore(Names.EFFECTIVE_LABEL_STORE);
            this.counted = context.getStateStore(Names.PROCESS_AGREEMENT_STORE);
        }

        @Override
        public void process(Record<String, Verdict> record) {
            Verdict judgment = record.value();
            // Malformed judgments are the judgment applier's to reject; they pair with nothing here.
            if (judgment == null || judgment.getInteractionId() == null || judgment.getResults().size() != 1) {
                return;
            }
            String id = judgment.getInteractionId();
            Label label = labels.get(id);
            ReviewTask task = label == null ? null : tasks.get(id);
            ProcessCellKey cell = task == null || task.getInteraction() == null ? null : ProcessCellKey.of(task.getInteraction());
            if (cell == null) {
                return;
            }
            ClassifierResult result = judgment.getResults().get(0);
            Pair now = Pair.of(CountedJudgment.of(result, 0L), label.getLabel());
            forward(context, counted, cell, id, result.getClassifierId(), now, record.timestamp());
        }
    }

    /** Labels side: a new or changed label re-pairs every judgment already counted for the interaction. */
    static final class OnLabel implements Processor<String, LabelChange, String, BucketStats> {

        private ProcessorContext<String, BucketStats> context;
        private KeyValueStore<String, String> judgments;
        private KeyValueStore<String, String> counted;

        @Override
        public void init(ProcessorContext<String, BucketStats> context) {
            this.context = context;
            this.judgments = context.getStateStore(Names.JUDGMENT_STORE);
            this.counted = context.getStateStore(Names.PROCESS_AGREEMENT_STORE);
        }

        @Override
        public void process(Record<String, LabelChange> record) {
            LabelChange change = record.value();
            ProcessCellKey cell = change.task().getInteraction() == null ? null : ProcessCellKey.of(change.task().getInteraction());
            if (cell == null) {
                return;
            }
            String id = change.task().getInteractionId();
            List<KeyValue<String, String>> judged = new ArrayList<>();
            try (KeyValueIterator<String, String> it = judgments.prefixScan(id + SEP, new StringSerializer())) {
                it.forEachRemaining(judged::add);
            }
            for (KeyValue<String, String> entry : judged) {
                String judge = entry.key.substring(id.length() + 1);
                Pair now = Pair.of(CountedJudgment.parse(entry.value), change.label().getLabel());
                forward(context, counted, cell, id, judge, now, record.timestamp());
            }
        }
    }

    private static void forward(ProcessorContext<String, BucketStats> context, KeyValueStore<String, String> counted,
                                ProcessCellKey cell, String id, String judge, Pair now, long timestamp) {
        String key = id + SEP + judge;
        Pair before = Pair.parse(counted.get(key));
        if (now.equals(before) || before == null && now.label() == null) {
            return;
        }
        if (now.label() == null) {
            counted.delete(key);
        } else {
            counted.put(key, now.format());
        }
        BucketStats delta = BucketStatsMath.empty(new BucketKey(cell.model(), cell.version(), 0L), 0L);
        if (before != null) {
            before.addTo(delta, judge, -1);
        }
        now.addTo(delta, judge, 1);
        context.forward(new Record<>(cell.format(), delta, timestamp));
    }

    /** What one (interaction, judge) contributes: the judge's flag against the human label; no label when unscored. */
    record Pair(LabelValue label, boolean flagged, double score) {

        static Pair of(CountedJudgment judgment, LabelValue label) {
            return judgment.scored() ? new Pair(label, judgment.flagged(), judgment.score()) : new Pair(null, false, 0.0);
        }

        static Pair parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\|");
            return new Pair(LabelValue.valueOf(parts[0]), "1".equals(parts[1]), Double.parseDouble(parts[2]));
        }

        String format() {
            return label.name() + '|' + (flagged ? '1' : '0') + '|' + score;
        }

        void addTo(BucketStats delta, String judge, int sign) {
            if (label == null) {
                return;
            }
            JudgeTally tally = new JudgeTally((long) sign, flagged ? (long) sign : 0L, sign * score, 0L);
            delta.getJudges().merge(tallyKey(judge, label), tally, (a, b) -> new JudgeTally(a.getScored() + b.getScored(),
                    a.getFlagged() + b.getFlagged(), a.getScoreSum() + b.getScoreSum(), 0L));
        }
    }
}
