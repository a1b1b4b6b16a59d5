package org.alignmentmonitor.simulation;

import org.alignmentmonitor.estimators.Estimates;

/**
 * What one run produced.
 *
 * @param estimates       every estimator on the merged buckets of the run
 * @param labels          labels collected
 * @param labelsToCertify labels after which the confidence sequence's upper bound first fell below
 *                        {@link Simulator#CERTIFICATION_THRESHOLD}; -1 when it never did or the
 *                        design is not uniform (the sequence assumes labels drawn uniformly)
 */
public record RunOutcome(Estimates estimates, long labels, int labelsToCertify) {}
