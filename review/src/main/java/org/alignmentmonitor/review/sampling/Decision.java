package org.alignmentmonitor.review.sampling;

/**
 * Whether an interaction goes to review, and the probability it had of going: the estimators weight
 * each label by 1 / inclusionProbability.
 *
 * @param uniform the hashed draw; selected exactly when {@code uniform < inclusionProbability}
 */
public record Decision(boolean selected, double inclusionProbability, Stratum stratum, double uniform, String policyVersion) {
}
