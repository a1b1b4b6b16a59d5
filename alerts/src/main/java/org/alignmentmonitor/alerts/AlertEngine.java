package org.alignmentmonitor.alerts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.alignmentmonitor.alerts.AlertTrack.Phase;
import org.alignmentmonitor.alerts.Evidence.Condition;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;

/**
 * Turns observations into FIRING and RESOLVED events. Pure and deterministic: the same state and
 * observation always give the same new state and events, so the caller may store the state
 * anywhere and replay observations after a restart without sending different events.
 *
 * <p>Per alert (rule, model, version): the condition must hold at every observation for the rule's
 * {@code sustainedFor} before one FIRING event; then nothing is sent until the interval lies wholly
 * on the other side of the reference, which sends one RESOLVED event. While the interval straddles the
 * reference nothing changes, so a rate sitting just under a threshold neither pages nor flaps.
 */
public final class AlertEngine {

    private final RuleFile rules;

    public AlertEngine(RuleFile rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Alert id of a rule for one model version: stable across events, so receivers can group them. */
    public static String alertId(String ruleId, String model, String version) {
        return ruleId + "/" + model + ":" + version;
    }

    /** Applies the threshold rules only: for versions without a previous version to compare with. */
    public Evaluation evaluate(LifecycleState state, Observation observation) {
        return evaluate(state, observation, null);
    }

    /**
     * Applies every rule whose patterns match the observation's model and version and whose window
     * equals the observation's window length.
     *
     * @param previousVersion the previous version of the same model over a window of the same length
     *                        (the caller decides which version is previous), or null when there is none
     */
    public Evaluation evaluate(LifecycleState state, Observation observation, Observation previousVersion) {
        LifecycleState next = state;
        List<Alert> events = new ArrayList<>();
        for (AlertRule rule : rules.rules()) {
            if (!rule.appliesTo(observation.model(), observation.version()) || !rule.window().equals(observation.window())) {
                continue;
            }
            String alertId = alertId(rule.id(), observation.model(), observation.version());
            AlertTrack track = next.track(alertId).orElse(null);
            long at = observation.at().toEpochMilli();
            if (track != null && at < track.lastAtMillis()) {
                continue;
            }
            Evidence evidence = rule.kind() == RuleKind.THRESHOLD
                    ? RuleCheck.threshold(rule, observation)
                    : RuleCheck.regression(rule, observation, previousVersion);
            AlertTrack updated = step(rule, track, evidence.condition(), at);
            boolean wasFiring = track != null && track.phase() == Phase.FIRING;
            if (wasFiring != (updated.phase() == Phase.FIRING)) {
                events.add(event(rule, alertId, observation, evidence, wasFiring ? AlertState.RESOLVED : AlertState.FIRING));
            }
            next = next.with(alertId, updated);
        }
        return new Evaluation(next, events);
    }

    private static AlertTrack step(AlertRule rule, AlertTrack track, Condition condition, long at) {
        Phase phase = track == null ? Phase.QUIET : track.phase();
        long since = track == null ? at : track.sinceMillis();
        return switch (phase) {
            case QUIET -> condition == Condition.ABOVE ? startPending(rule, at) : new AlertTrack(Phase.QUIET, since, at);
            case PENDING -> condition != Condition.ABOVE ? new AlertTrack(Phase.QUIET, at, at)
                    : at - since >= rule.sustainedFor().toMillis() ? new AlertTrack(Phase.FIRING, at, at)
                    : new AlertTrack(Phase.PENDING, since, at);
            case FIRING -> condition == Condition.BELOW ? new AlertTrack(Phase.QUIET, at, at)
                    : new AlertTrack(Phase.FIRING, since, at);
        };
    }

    /** A zero sustainedFor fires on the first observation where the condition holds. */
    private static AlertTrack startPending(AlertRule rule, long at) {
        return new AlertTrack(rule.sustainedFor().isZero() ? Phase.FIRING : Phase.PENDING, at, at);
    }

    private Alert event(AlertRule rule, String alertId, Observation obs, Evidence evidence, AlertState state) {
        String verdict = state == AlertState.FIRING ? "above" : "below";
        String what = rule.kind() == RuleKind.THRESHOLD ? "interval is " + verdict + " the threshold"
                : "rise over the previous version is " + verdict + " the margin";
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setRuleId(rule.id())
                .setRuleVersion(rules.version())
                .setModel(obs.model())
                .setVersion(obs.version())
                .setState(state)
                .setSeverity(rule.severity().label())
                .setWindowStart(millis(obs.windowStart()))
                .setWindowEnd(millis(obs.windowEnd()))
                .setInteractions(obs.interactions())
                .setFlagged(obs.flagged())
                .setEstimate(evidence.estimate())
                .setLower(evidence.interval().lower())
                .setUpper(evidence.interval().upper())
                .setThreshold(evidence.reference())
                .setMessage(state + " " + rule.id() + " (" + Durations.format(rule.window()) + " window): " + what + ": " + evidence.facts())
                .setAt(millis(obs.at()))
                .build();
    }

    /** The Avro fields hold milliseconds: truncating here keeps an event equal to its decoded copy. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
