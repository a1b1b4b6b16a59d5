package org.alignmentmonitor.judges;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of one {@link AsyncJudge}. Build with {@link #builder(String, Path)}; every other
 * setting has a default suited to a production endpoint.
 *
 * @param maxConcurrency   calls in flight at once
 * @param requestTimeout   per call
 * @param maxAttempts      calls per judgment before it is given up as unscored (deferrals by the
 *                         breaker or the budget do not count)
 * @param maxPendingAge    a judgment still waiting this long (breaker open, budget exhausted) is
 *                         marked unscored with the reason; measured from the first {@code judge()},
 *                         across restarts
 * @param tokensPerMinute  estimated tokens per {@code budgetWindow}; 0 for no budget
 * @param journalDir       where the pending-judgment journal lives
 * @param fsync            force every journal line to disk (survives power loss, not only a crash)
 */
public record JudgeConfig(String classifierId, String classifierVersion, int maxConcurrency, Duration requestTimeout,
                          int maxAttempts, Duration backoffBase, Duration backoffMax, int breakerFailures,
                          Duration breakerCooldown, long tokensPerMinute, Duration budgetWindow, int cacheSize,
                          Path journalDir, Duration maxPendingAge, boolean fsync, LongSupplier clock) {

    public JudgeConfig {
        Objects.requireNonNull(classifierId, "classifierId");
        Objects.requireNonNull(journalDir, "journalDir");
        if (maxConcurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxConcurrency and maxAttempts must be >= 1");
        }
    }

    public static Builder builder(String classifierId, Path journalDir) {
        return new Builder(classifierId, journalDir);
    }

    public static final class Builder {
        private final String classifierId;
        private final Path journalDir;
        private String classifierVersion = "1.0.0";
        private int maxConcurrency = 8;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 5;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private int breakerFailures = 5;
        private Duration breakerCooldown = Duration.ofSeconds(30);
        private long tokensPerMinute = 0;
        private Duration budgetWindow = Duration.ofMinutes(1);
        private int cacheSize = 10_000;
        private Duration maxPendingAge = Duration.ofMinutes(10);
        private boolean fsync = false;
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(String classifierId, Path journalDir) {
            this.classifierId = classifierId;
            this.journalDir = journalDir;
        }

        public Builder classifierVersion(String v) { classifierVersion = v; return this; }
        public Builder maxConcurrency(int v) { maxConcurrency = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder backoff(Duration base, Duration max) { backoffBase = base; backoffMax = max; return this; }
        public Builder breaker(int failures, Duration cooldown) { breakerFailures = failures; breakerCooldown = cooldown; return this; }
        public Builder tokensPerMinute(long v) { tokensPerMinute = v; return this; }
        /** For tests: a budget window other than a minute. */
        public Builder budgetWindow(Duration v) { budgetWindow = v; return this; }
        public Builder cacheSize(int v) { cacheSize = v; return this; }
        public Builder maxPendingAge(Duration v) { maxPendingAge = v; return this; }
        public Builder fsync(boolean v) { fsync = v; return this; }
        public Builder clock(LongSupplier v) { clock = v; return this; }

        public JudgeConfig build() {
            return new JudgeConfig(classifierId, classifierVersion, maxConcurrency, requestTimeout, maxAttempts,
                    backoffBase, backoffMax, breakerFailures, breakerCooldown, tokensPerMinute, budgetWindow,
                    cacheSize, journalDir, maxPendingAge, fsync, clock);
        }
    }
}
