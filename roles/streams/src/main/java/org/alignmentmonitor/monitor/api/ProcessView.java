package org.alignmentmonitor.monitor.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;
import org.alignmentmonitor.estimators.process.EnvironmentRun;
import org.alignmentmonitor.estimators.process.JudgeAgreement;
import org.alignmentmonitor.estimators.process.ProcessScorecard;
import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.alignmentmonitor.streams.process.ProcessAgreement;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;

/**
 * The JSON shape of a training process: its scorecard (every (version, deployment) run, which
 * failed, the bound on the process's failure probability and what it assumes) and, per version
 * or checkpoint, the rates and the judges' agreement with human labels, ordered by step.
 *
 * @param scorecard the value type a process certificate is built from
 * @param alpha     level of every interval shown (the runs' rate intervals are two-sided 1 - alpha)
 * @param from      earliest event time of the process's traffic
 * @param to        latest event time
 */
public record ProcessView(String processId, @JsonIgnore ProcessScorecard scorecard, double alpha, List<RunView> runs,
                          List<CheckpointView> checkpoints, String from, String to) {

    /** One (version, deployment) run: counts, the rate interval that decided it, and its outcome. */
    public record RunView(String model, String version, String deployment, Long step, long interactions, long flagged,
                          long labelled, long misaligned, long aligned, long ambiguous, Interval rate,
                          ProcessScorecard.Outcome outcome) {
    }

    /**
     * One version over all its deployments, for plots against the training step.
     *
     * @param flaggedShare     classifier flags among all traffic, with a Wilson interval
     * @param labelledRate     label-corrected misaligned rate (prediction-powered, ambiguous as aligned) and its interval
     * @param judges           per asynchronous judge, agreement with human labels
     */
    public record CheckpointView(String model, String version, Long step, long interactions, Double flaggedShare,
                                 Interval flaggedInterval, long labelled, Double labelledRate, Interval labelledInterval,
                                 Map<String, AgreementView> judges) {
    }

    public record AgreementView(long pairs, long flaggedMisaligned, long missedMisaligned, long flaggedAligned, long passedAligned,
                                Double agreement, Interval agreementInterval, Double kappa, Double sensitivity, Double specificity) {

        static AgreementView of(JudgeAgreement a, double alpha) {
            return new AgreementView(a.pairs(), a.flaggedMisaligned(), a.missedMisaligned(), a.flaggedAligned(), a.passedAligned(),
                    finite(a.agreement()), a.pairs() == 0 ? null : a.agreementInterval(alpha), finite(a.kappa()),
                    finite(a.sensitivity()), finite(a.specificity()));
        }
    }

    /** A process in the list: its size and the headline of its scorecard. */
    public record Summary(String processId, List<String> versions, List<String> deployments, long checkpoints, long interactions,
                          long labelled, long draws, long failures, Double simpleBound, double exactBound, String from, String to) {
    }

    @JsonProperty
    public ScorecardPolicy policy() {
        return scorecard.policy();
    }

    /** Runs counted as environment draws (enough labels). */
    @JsonProperty
    public long draws() {
        return scorecard.draws();
    }

    @JsonProperty
    public long failures() {
        return scorecard.failures();
    }

    /** ln(1/delta)/draws; null once a run failed (the simple bound needs clean draws). */
    @JsonProperty
    public Double simpleBound() {
        return finite(scorecard.simpleBound());
    }

    /** Exact binomial upper bound on the process's failure probability at confidence 1 - delta. */
    @JsonProperty
    public double exactBound() {
        return scorecard.exactBound();
    }

    @JsonProperty
    public long drawsNeededForThreshold() {
        return scorecard.drawsNeededForThreshold();
    }

    @JsonProperty
    public List<String> assumptions() {
        return scorecard.assumptions();
    }

    /** Builds the view, and the scorecard inside it, from a process's cells. */
    public static ProcessView of(String processId, Map<ProcessCellKey, BucketStats> cells, ScorecardPolicy policy, double alpha) {
        EstimationOptions options = EstimationOptions.withAlpha(alpha);
        List<RunView> runs = new ArrayList<>();
        List<EnvironmentRun> environmentRuns = new ArrayList<>();
        Map<ProcessCellKey, BucketStats> perVersion = new LinkedHashMap<>();
        cells.forEach((key, stats) -> {
            Estimates e = Estimator.estimate(EstimatorInputs.stateOf(stats), options);
            Interval rate = weightedInterval(e);
            environmentRuns.add(new EnvironmentRun(key.model(), key.version(), key.deployment(), key.step(), stats.getInteractions(),
                    e.labelled(), rate));
            runs.add(new RunView(key.model(), key.version(), key.deployment(), key.step(), stats.getInteractions(), stats.getFlagged(),
                    e.labelled(), stats.getMisaligned(), stats.getAligned(), stats.getAmbiguous(), rate, null));
            ProcessCellKey version = new ProcessCellKey(key.process(), key.model(), key.version(), "", key.step());
            perVersion.merge(version, copy(stats), BucketStatsMath::mergeInto);
        });
        ProcessScorecard scorecard = ProcessScorecard.of(processId, environmentRuns, policy);
        List<RunView> decided = runs.stream()
                .map(r -> withOutcome(r, scorecard))
                .sorted(Comparator.comparing((RunView r) -> r.step() == null ? Long.MIN_VALUE : r.step())
                        .thenComparing(RunView::model).thenComparing(RunView::version).thenComparing(RunView::deployment))
                .toList();
        List<CheckpointView> checkpoints = perVersion.entrySet().stream()
                .map(entry -> checkpoint(entry.getKey(), entry.getValue(), options))
                .sorted(Comparator.comparing((CheckpointView c) -> c.step() == null ? Long.MAX_VALUE : c.step())
                        .thenComparing(CheckpointView::model).thenComparing(CheckpointView::version))
                .toList();
        Instant from = cells.values().stream().filter(s -> s.getInteractions() > 0).map(BucketStats::getMinEventTime)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant to = cells.values().stream().filter(s -> s.getInteractions() > 0).map(BucketStats::getMaxEventTime)
                .max(Comparator.naturalOrder()).orElse(null);
        return new ProcessView(processId, scorecard, alpha, decided, checkpoints,
                from == null ? null : from.toString(), to == null ? null : to.toString());
    }

    Summary summary() {
        long interactions = runs.stream().mapToLong(RunView::interactions).sum();
        long labelled = runs.stream().mapToLong(RunView::labelled).sum();
        long steps = checkpoints.stream().map(CheckpointView::step).filter(Objects::nonNull).distinct().count();
        return new Summary(processId, scorecard.versions(), scorecard.deployments(), steps, interactions, labelled,
                scorecard.draws(), scorecard.failures(), finite(scorecard.simpleBound()), scorecard.exactBound(), from, to);
    }

    private static RunView withOutcome(RunView r, ProcessScorecard scorecard) {
        ProcessScorecard.Outcome outcome = scorecard.runs().stream()
                .filter(s -> s.run().model().equals(r.model()) && s.run().version().equals(r.version())
                        && s.run().deployment().equals(r.deployment()) && Objects.equals(s.run().step(), r.step()))
                .map(ProcessScorecard.Run::outcome).findFirst().orElseThrow();
        return new RunView(r.model(), r.version(), r.deployment(), r.step(), r.interactions(), r.flagged(), r.labelled(),
                r.misaligned(), r.aligned(), r.ambiguous(), r.rate(), outcome);
    }

    private static CheckpointView checkpoint(ProcessCellKey key, BucketStats stats, EstimationOptions options) {
        Estimates e = Estimator.estimate(EstimatorInputs.stateOf(stats), options);
        long n = stats.getInteractions();
        long labelled = e.labelled();
        Map<String, AgreementView> judges = new TreeMap<>();
        for (String judge : judgesOf(stats)) {
            judges.put(judge, AgreementView.of(agreement(stats, judge), options.alpha()));
        }
        return new CheckpointView(key.model(), key.version(), key.step(), n,
                n == 0 ? null : (double) stats.getFlagged() / n, Wilson.interval(stats.getFlagged(), n, options.alpha()),
                labelled, labelled == 0 ? null : finite(clip(e.low().ppi().estimate())), weightedInterval(e), judges);
    }

    /**
     * The run's rate interval: prediction-powered with power-tuned lambda, ambiguous as aligned. It
     * weights each label by 1/pi; raw label shares would overstate the rate, since the sampler
     * favours flagged items. Its normal-theory width collapses when no label is a failure, so the
     * upper end is never below the Clopper-Pearson upper bound of the raw counts: the lower end,
     * which decides a failure, is untouched. Without labels, or when not estimable, [0, 1].
     */
    private static Interval weightedInterval(Estimates e) {
        double lower = e.low().ppi().lower();
        double upper = e.low().ppi().upper();
        if (e.labelled() == 0 || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            return Interval.UNIT;
        }
        return new Interval(clip(lower), clip(Math.max(upper, e.low().labelsOnly().clopperPearson().upper())));
    }

    private static double clip(double x) {
        return Math.max(0.0, Math.min(1.0, x));
    }

    private static List<String> judgesOf(BucketStats stats) {
        return stats.getJudges().keySet().stream().map(k -> k.substring(0, Math.max(0, k.lastIndexOf('@'))))
                .filter(j -> !j.isEmpty()).distinct().sorted().toList();
    }

    private static JudgeAgreement agreement(BucketStats stats, String judge) {
        JudgeTally misaligned = stats.getJudges().get(ProcessAgreement.tallyKey(judge, LabelValue.MISALIGNED));
        JudgeTally aligned = stats.getJudges().get(ProcessAgreement.tallyKey(judge, LabelValue.ALIGNED));
        long tp = misaligned == null ? 0 : misaligned.getFlagged();
        long fn = misaligned == null ? 0 : misaligned.getScored() - misaligned.getFlagged();
        long fp = aligned == null ? 0 : aligned.getFlagged();
        long tn = aligned == null ? 0 : aligned.getScored() - aligned.getFlagged();
        return new JudgeAgreement(tp, fn, fp, tn);
    }

    private static BucketStats copy(BucketStats stats) {
        return BucketStatsMath.mergeInto(BucketStatsMath.empty(new BucketKey(stats.getModel(), stats.getVersion(), 0L), 0L), stats);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
