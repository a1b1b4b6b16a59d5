package org.alignmentmonitor.monitor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.alignmentmonitor.judges.ChatEndpoint;
import org.alignmentmonitor.judges.JudgeConfig;
import org.alignmentmonitor.judges.JudgeRouting;

/**
 * Which asynchronous judges run and how hard they may push their endpoints.
 *
 * @param version          recorded as the classifier config version of every judgment
 * @param self             routes of the self-classifier by model:version
 * @param selfEnabled      whether the self-classifier runs: by default when it has a route; on without
 *                         routes it uses the lab-provided self-assessments and says "no route" for the rest
 * @param overseer         the overseer model's endpoint, if any
 * @param learned          whether the classifier learned from human labels runs
 * @param fraction         share of interactions judged (hash of the id, re-derivable)
 * @param threshold        score at or above which a judge flags
 * @param maxPending       judgments in flight or deferred before the worker stops taking requests
 * @param resilience       concurrency, timeouts, retries, breaker and budget of the LLM judges
 */
public record JudgesConfig(String version, JudgeRouting self, boolean selfEnabled, Optional<ChatEndpoint> overseer, boolean learned,
                           double fraction, double threshold, int maxPending, Resilience resilience) {

    public static final String SELF_ID = "judge.self";
    public static final String OVERSEER_ID = "judge.overseer";

    /** No judges: nothing is sent to judge-requests. */
    public static final JudgesConfig NONE = new JudgesConfig("judges-1", new JudgeRouting(java.util.List.of()), false, Optional.empty(),
            false, 1.0, 0.5, 10_000, Resilience.defaults());

    public JudgesConfig {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("monitor.judges.fraction must be in [0,1], got " + fraction);
        }
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("monitor.judges.threshold must be in (0,1], got " + threshold);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("monitor.judges.max.pending must be >= 1, got " + maxPending);
        }
    }

    public boolean hasSelf() {
        return selfEnabled;
    }

    public boolean enabled() {
        return hasSelf() || overseer.isPresent() || learned;
    }

    public JudgesConfig withLearned(boolean newLearned) {
        return new JudgesConfig(version, self, selfEnabled, overseer, newLearned, fraction, threshold, maxPending, resilience);
    }

    /** The settings of one LLM judge, its journal under {@code journalDir}. */
    public JudgeConfig judgeConfig(String classifierId, Path journalDir) {
        Resilience r = resilience;
        return JudgeConfig.builder(classifierId, journalDir)
                .classifierVersion(version)
                .maxConcurrency(r.concurrency())
                .requestTimeout(r.timeout())
                .maxAttempts(r.maxAttempts())
                .backoff(r.backoffBase(), r.backoffMax())
                .breaker(r.breakerFailures(), r.breakerCooldown())
                .tokensPerMinute(r.tokensPerMinute())
                .maxPendingAge(r.maxPendingAge())
                .build();
    }

    /** How the LLM judges treat their endpoints; see judges/README.md for what each does. */
    public record Resilience(int concurrency, Duration timeout, int maxAttempts, Duration backoffBase, Duration backoffMax,
                             int breakerFailures, Duration breakerCooldown, long tokensPerMinute, Duration maxPendingAge) {

        public static Resilience defaults() {
            return new Resilience(8, Duration.ofSeconds(30), 5, Duration.ofMillis(500), Duration.ofSeconds(30), 5,
                    Duration.ofSeconds(30), 0, Duration.ofMinutes(10));
        }

        public Resilience {
            if (concurrency < 1 || maxAttempts < 1 || breakerFailures < 1 || tokensPerMinute < 0) {
                throw new IllegalArgumentException("monitor.judges.concurrency, .max.attempts and .breaker.failures must be >= 1"
                        + " and .tokens.per.minute >= 0");
            }
        }
    }
}
