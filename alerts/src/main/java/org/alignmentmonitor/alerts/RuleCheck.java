package org.alignmentmonitor.alerts;

import java.util.Locale;

import org.alignmentmonitor.estimators.BetaBinomialConfidenceSequence;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Interval;

/**
 * Applies one rule to one observation with the beta-binomial confidence sequence: an interval that
 * may be re-checked after every new count in the window without raising the error rate above alpha,
 * which is what a rule evaluated every few seconds needs.
 *
 * <p>Regression rules compare two versions with two such sequences at alpha/2 each (Bonferroni):
 * with probability at least 1 - alpha both contain their true rates at every time, so the
 * difference lies in [lower(new) - upper(previous), upper(new) - lower(previous)] at every time.
 * This is conservative but needs no pairing of the two samples and keeps the stated error rate.
 */
final class RuleCheck {

    private static final double PRIOR_A = EstimationOptions.DEFAULT.csPriorA();
    private static final double PRIOR_B = EstimationOptions.DEFAULT.csPriorB();

    private RuleCheck() {}

    static Evidence threshold(AlertRule rule, Observation obs) {
        String shortfall = shortfall(rule, obs);
        if (shortfall != null) {
            return Evidence.insufficient(shortfall);
        }
        Interval cs = interval(rule.series(), obs, rule.alpha());
        double estimate = obs.estimate(rule.series());
        String facts = String.format(Locale.ROOT, "%s %s rate %s (%d of %d), %s confidence sequence [%s, %s], threshold %s",
                obs.key(), rule.series().yamlName(), Evidence.percent(estimate), obs.hits(rule.series()),
                obs.trials(rule.series()), level(rule.alpha()), Evidence.percent(cs.lower()), Evidence.percent(cs.upper()),
                Evidence.percent(rule.threshold()));
        return Evidence.compare(estimate, cs, rule.threshold(), facts);
    }

    /** @param previous the previous version of the same model over a window of the same length, or null */
    static Evidence regression(AlertRule rule, Observation obs, Observation previous) {
        if (previous == null || !previous.model().equals(obs.model()) || !previous.window().equals(obs.window())) {
            return Evidence.insufficient(obs.key() + " has no previous version to compare with");
        }
        String shortfall = shortfall(rule, obs);
        String previousShortfall = shortfall(rule, previous);
        if (shortfall != null || previousShortfall != null) {
            return Evidence.insufficient(shortfall != null ? shortfall : previousShortfall);
        }
        Interval current = interval(rule.series(), obs, rule.alpha() / 2);
        Interval before = interval(rule.series(), previous, rule.alpha() / 2);
        Interval rise = new Interval(current.lower() - before.upper(), current.upper() - before.lower());
        double estimate = obs.estimate(rule.series()) - previous.estimate(rule.series());
        String facts = String.format(Locale.ROOT,
                "%s %s rate %s (%d of %d) vs %s %s (%d of %d): rise %s, %s interval [%s, %s], margin %s",
                obs.key(), rule.series().yamlName(), Evidence.percent(obs.estimate(rule.series())), obs.hits(rule.series()),
                obs.trials(rule.series()), previous.key(), Evidence.percent(previous.estimate(rule.series())),
                previous.hits(rule.series()), previous.trials(rule.series()), Evidence.percent(estimate), level(rule.alpha()),
                Evidence.percent(rise.lower()), Evidence.percent(rise.upper()), Evidence.percent(rule.margin()));
        return Evidence.compare(estimate, rise, rule.margin(), facts);
    }

    /** Why the observation is too thin for the rule, or null when it is not. */
    private static String shortfall(AlertRule rule, Observation obs) {
        if (obs.interactions() < rule.minInteractions()) {
            return obs.key() + " has " + obs.interactions() + " interactions, the rule needs " + rule.minInteractions();
        }
        if (obs.labelled() < rule.minLabels()) {
            return obs.key() + " has " + obs.labelled() + " labels, the rule needs " + rule.minLabels();
        }
        return null;
    }

    private static Interval interval(Series series, Observation obs, double alpha) {
        return BetaBinomialConfidenceSequence.interval(obs.hits(series), obs.trials(series), PRIOR_A, PRIOR_B, alpha);
    }

    private static String level(double alpha) {
        return String.format(Locale.ROOT, "%.4g%%", 100 * (1 - alpha)).replaceAll("\\.?0+%$", "%");
    }
}
