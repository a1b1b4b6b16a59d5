package org.alignmentmonitor.judges;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LLM judge (self-classifier or overseer) that never blocks its caller. {@link #judge} journals
 * the judgment and returns a future at once; one scheduler thread then drives each judgment
 * through the cache, the concurrency limit, the endpoint's circuit breaker and the token budget to
 * a call, retrying 429s, 5xx and timeouts with exponential backoff and jitter. A judgment the
 * breaker or the budget holds back is deferred, not dropped, until {@code maxPendingAge}; then it
 * ends unscored with the reason. Every judgment ends in exactly one {@link JudgeResult}, given to
 * the listener and then to the future; a listener that throws gets it again with backoff, and the
 * judgment stays pending (journalled, its future open) until the listener took it. Judgments a
 * previous run left in the journal are resumed by {@link #resumePending()} and reach the listener only.
 */
public final class AsyncJudge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsyncJudge.class);

    public enum Kind { SELF, OVERSEER }

    /** Counters for metrics. */
    public record Stats(long submitted, long scored, long unscored, long cacheHits, long retries,
                        long deferredByBreaker, long deferredByBudget, int inFlight, int pending) {}

    private final Kind kind;
    private final JudgeConfig config;
    private final PromptTemplate template;
    private final JudgeRouting routing;
    private final ChatClient client;
    private final JudgmentListener listener;
    private final JudgeJournal journal;
    private final JudgmentCache cache;
    private final ScheduledExecutorService scheduler;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, TokenBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Job> pending = new ConcurrentHashMap<>();
    /** Jobs waiting for a concurrency slot; touched only on the scheduler thread. */
    private final Queue<Job> waiting = new ArrayDeque<>();
    private int inFlight; // scheduler thread only
    private volatile boolean closed;

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong unscored = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deferredByBreaker = new AtomicLong();
    private final AtomicLong deferredByBudget = new AtomicLong();

    private final class Job {
        final String key;
        final Interaction interaction;
        final ChatEndpoint endpoint;
        final String cacheKey;
        final long tokens;
        final long enqueuedAt;
        final long startedAt;
        final CompletableFuture<JudgeResult> future = new CompletableFuture<>();
        int attempts;
        String lastError = "";

        Job(String key, Interaction interaction, ChatEndpoint endpoint, long enqueuedAt) {
            this.key = key;
            this.interaction = interaction;
            this.endpoint = endpoint;
            this.cacheKey = cacheKey(interaction, endpoint);
            this.tokens = estimateTokens(interaction);
            this.enqueuedAt = enqueuedAt;
            this.startedAt = config.clock().getAsLong();
        }
    }

    private AsyncJudge(Kind kind, JudgeConfig config, PromptTemplate template, JudgeRouting routing,
                       ChatClient client, JudgmentListener listener) throws IOException {
        this.kind = kind;
        this.config = config;
        this.template = template;
        this.routing = routing;
        this.client = client;
        this.listener = listener == null ? (i, r) -> { } : listener;
        this.journal = JudgeJournal.open(config.journalDir(), config.classifierId(), config.fsync());
        this.cache = new JudgmentCache(config.cacheSize());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "judge-" + config.classifierId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the judge and its journal. Call {@link #resumePending()} once the listener is ready to
     * receive the results of judgments the previous run left unfinished.
     */
    public static AsyncJudge open(Kind kind, JudgeConfig config, PromptTemplate template, JudgeRouting routing,
                                  ChatClient client, JudgmentListener listener) throws IOException {
        return new AsyncJudge(kind, config, template, routing, client, listener);
    }

    public String classifierId() {
        return config.classifierId();
    }

    /**
     * Judges one interaction without blocking: the only work on the caller's thread is routing, a
     * cache look-up and one buffered journal append.
     */
    public CompletableFuture<JudgeResult> judge(Interaction interaction) {
        submitted.incrementAndGet();
        long now = config.clock().getAsLong();
        if (closed) {
            return CompletableFuture.completedFuture(finishNow(interaction, "judge is closed", now));
        }
        if (kind == Kind.SELF && interaction.getSelfAssessment() != null) {
            return CompletableFuture.completedFuture(labProvided(interaction));
        }
        Optional<ChatEndpoint> endpoint = routing.endpointFor(interaction);
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(finishNow(interaction, "no " + kind.name().toLowerCase(Locale.ROOT)
                    + " judge endpoint configured for " + interaction.getModel() + ":" + interaction.getVersion(), now));
        }
        if (kind == Kind.OVERSEER && endpoint.get().model().equalsIgnoreCase(String.valueOf(interaction.getModel()))) {
            return CompletableFuture.completedFuture(finishNow(interaction,
                    "overseer model is the model under judgment", now));
        }
        Job job = new Job(UUID.randomUUID().toString(), interaction, endpoint.get(), now);
        Optional<JudgeResult> hit = cache.get(job.cacheKey);
        if (hit.isPresent()) {
            cacheHits.incrementAndGet();
            JudgeResult result = hit.get().asCached(interaction.getId(), 0);
            scored.incrementAndGet();
            deliverNow(interaction, result);
            return CompletableFuture.completedFuture(result);
        }
        try {
            journal.appendPending(job.key, interaction, now);
        } catch (IOException e) {
            // Still judged; only the restart guarantee is lost for this one.
            log.error("Could not journal judgment of {}; it will not survive a restart", interaction.getId(), e);
        }
        pending.put(job.key, job);
        try {
            scheduler.execute(() -> attempt(job));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            job.future.cancel(false); // closed meanwhile: journalled, resumed by the next run
        }
        return job.future;
    }

    /** Resubmits the judgments found in the journal at open; their results go to the listener. */
    public List<CompletableFuture<JudgeResult>> resumePending() {
        List<CompletableFuture<JudgeResult>> futures = new ArrayList<>();
        for (JudgeJournal.Pending p : journal.recovered()) {
            Interaction interaction = p.interaction();
            Optional<ChatEndpoint> endpoint = routing.endpointFor(interaction);
            Job job;
            if (endpoint.isEmpty()) {
                JudgeResult result = unscoredResult(interaction, "no judge endpoint configured for "
                        + interaction.getModel() + ":" + interaction.getVersion() + " after restart", 0, null);
                if (notifyListener(interaction, result, 1)) {
                    markDone(p.key(), result);
                }
                futures.add(CompletableFuture.completedFuture(result));
                continue;
            }
            job = new Job(p.key(), interaction, endpoint.get(), p.enqueuedAtMillis());
            pending.put(job.key, job);
            scheduler.execute(() -> attempt(job));
            futures.add(job.future);
        }
        if (!futures.isEmpty()) {
            log.info("Judge {} resumed {} pending judgment(s) from {}", config.classifierId(), futures.size(), journal.file());
        }
        return futures;
    }

    public Stats stats() {
        return new Stats(submitted.get(), scored.get(), unscored.get(), cacheHits.get(), retries.get(),
                deferredByBreaker.get(), deferredByBudget.get(), inFlight, pending.size());
    }

    public CircuitBreaker.State breakerState(ChatEndpoint endpoint) {
        return breaker(endpoint).state();
    }

    // ---- scheduler thread ----

    private void attempt(Job job) {
        if (closed || job.future.isDone()) {
            return;
        }
        Optional<JudgeResult> hit = cache.get(job.cacheKey);
        if (hit.isPresent()) {
            cacheHits.incrementAndGet();
            finish(job, hit.get().asCached(job.interaction.getId(), elapsed(job)));
            return;
        }
        if (inFlight >= config.maxConcurrency()) {
            waiting.add(job);
            return;
        }
        long now = config.clock().getAsLong();
        long waited = now - job.enqueuedAt;
        CircuitBreaker breaker = breaker(job.endpoint);
        if (!breaker.tryAcquire()) {
            if (waited >= config.maxPendingAge().toMillis()) {
                finish(job, unscoredResult(job.interaction, "endpoint " + job.endpoint.serverKey() + " unavailable for "
                        + minutes(Math.max(waited, breaker.failingForMillis())) + " (circuit open; last error: "
                        + job.lastError + ")", elapsed(job), job.endpoint.model()));
                return;
            }
            deferredByBreaker.incrementAndGet();
            later(() -> attempt(job), Math.min(breaker.millisUntilRetry(), config.maxPendingAge().toMillis() - waited) + 1);
            return;
        }
        long budgetWait = budget(job.endpoint).tryReserve(job.tokens);
        if (budgetWait > 0) {
            breaker.release();
            if (waited >= config.maxPendingAge().toMillis()) {
                finish(job, unscoredResult(job.interaction, "token budget of " + config.tokensPerMinute()
                        + " per window exhausted for " + minutes(waited), elapsed(job), job.endpoint.model()));
                return;
            }
            deferredByBudget.incrementAndGet();
            later(() -> attempt(job), Math.min(budgetWait, config.maxPendingAge().toMillis() - waited) + 1);
            return;
        }
        inFlight++;
        job.attempts++;
        List<ChatMessage> messages = template.render(job.interaction);
        CompletableFuture<ChatReply> call;
        try {
            call = client.complete(job.endpoint, messages, config.requestTimeout());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((reply, error) -> {
            try {
                scheduler.execute(() -> onOutcome(job, reply, error));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile: the judgment stays in the journal for the next run
            }
        });
    }

    private void onOutcome(Job job, ChatReply reply, Throwable error) {
        inFlight--;
        CircuitBreaker breaker = breaker(job.endpoint);
        try {
            if (error == null) {
                breaker.onSuccess();
                AnswerScorer.Outcome outcome = AnswerScorer.score(reply);
                if (outcome.scored()) {
                    JudgeResult result = new JudgeResult(job.interaction.getId(), config.classifierId(),
                            config.classifierVersion(), ScoreStatus.SCORED, outcome.score(), outcome.explanation(),
                            template.ref(), job.endpoint.model(), elapsed(job), false);
                    cache.put(job.cacheKey, result);
                    finish(job, result);
                } else {
                    finish(job, unscoredResult(job.interaction, outcome.explanation(), elapsed(job), job.endpoint.model()));
                }
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            JudgeCallException failure = cause instanceof JudgeCallException call ? call
                    : new JudgeCallException("call failed: " + cause, 0, false, true, 0, cause);
            job.lastError = failure.getMessage();
            if (failure.endpointFault()) {
                breaker.onFailure();
            } else {
                breaker.onSuccess();
            }
            if (!failure.retryable()) {
                finish(job, unscoredResult(job.interaction, failure.getMessage(), elapsed(job), job.endpoint.model()));
            } else if (job.attempts >= config.maxAttempts()) {
                finish(job, unscoredResult(job.interaction, "gave up after " + job.attempts + " attempts; last error: "
                        + failure.getMessage(), elapsed(job), job.endpoint.model()));
            } else {
                retries.incrementAndGet();
                later(() -> attempt(job), backoffMillis(job.attempts, failure.retryAfterMillis()));
            }
        } finally {
            pumpWaiting();
        }
    }

    private void pumpWaiting() {
        while (inFlight < config.maxConcurrency() && !waiting.isEmpty()) {
            attempt(waiting.poll());
        }
    }

    private long backoffMillis(int attempt, long retryAfter) {
        long base = config.backoffBase().toMillis();
        long max = config.backoffMax().toMillis();
        long exponential = Math.min(max, base << Math.min(20, attempt - 1));
        // "Equal jitter": half fixed, half random, so synchronized clients spread out.
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Math.min(max, Math.max(jittered, retryAfter));
    }

    private void later(Runnable step, long delayMillis) {
        if (!closed) {
            scheduler.schedule(step, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(Job job, JudgeResult result) {
        (result.scored() ? scored : unscored).incrementAndGet();
        deliver(job, result, 1);
    }

    /**
     * Listener first: whoever sees the future complete can rely on the listener having the result
     * (the worker commits the request then), and the journal lets go of the judgment only once the
     * listener has it. Until then the judgment counts as pending, so the caller's pending limit
     * still bounds how many wait; a close leaves them in the journal with their futures cancelled.
     */
    private void deliver(Job job, JudgeResult result, int attempt) {
        if (closed) {
            return;
        }
        if (!notifyListener(job.interaction, result, attempt)) {
            later(() -> deliver(job, result, attempt + 1), backoffMillis(attempt, 0));
            return;
        }
        pending.remove(job.key);
        markDone(job.key, result);
        job.future.complete(result);
    }

    private void markDone(String key, JudgeResult result) {
        try {
            journal.appendDone(key, result);
        } catch (IOException e) {
            log.error("Could not journal the end of judgment {}; it will be judged again after a restart", key, e);
        }
    }

    /** @return whether the listener took the result; if not, a journalled judgment stays in the journal */
    private boolean notifyListener(Interaction interaction, JudgeResult result, int attempt) {
        try {
            listener.deliver(interaction, result);
            return true;
        } catch (Exception e) {
            if (attempt == 1) {
                log.warn("Judge listener failed on {}; the judgment stays pending until it is delivered", result.interactionId(), e);
            } else {
                log.debug("Judge listener failed again on {} (attempt {}): {}", result.interactionId(), attempt, e.toString());
            }
            return false;
        }
    }

    /**
     * Results decided on the caller's thread are never journalled: the caller learns of a failed
     * delivery by the exception, so it can judge the interaction again (e.g. by not committing it).
     */
    private void deliverNow(Interaction interaction, JudgeResult result) {
        try {
            listener.deliver(interaction, result);
        } catch (Exception e) {
            throw new JudgmentNotDeliveredException(result.interactionId(), e);
        }
    }

    // ---- helpers ----

    private JudgeResult labProvided(Interaction interaction) {
        double score = interaction.getSelfAssessment();
        String model = interaction.getModel() + ":" + interaction.getVersion();
        JudgeResult result = score >= 0.0 && score <= 1.0
                ? new JudgeResult(interaction.getId(), config.classifierId(), config.classifierVersion(),
                        ScoreStatus.SCORED, score, "lab-provided self-assessment", "lab-provided", model, 0, false)
                : new JudgeResult(interaction.getId(), config.classifierId(), config.classifierVersion(),
                        ScoreStatus.UNSCORED, 0.0, "lab-provided self-assessment outside [0,1]: " + score,
                        "lab-provided", model, 0, false);
        (result.scored() ? scored : unscored).incrementAndGet();
        deliverNow(interaction, result);
        return result;
    }

    private JudgeResult finishNow(Interaction interaction, String reason, long now) {
        JudgeResult result = unscoredResult(interaction, reason, 0, null);
        unscored.incrementAndGet();
        deliverNow(interaction, result);
        return result;
    }

    private JudgeResult unscoredResult(Interaction interaction, String reason, long latency, String model) {
        return new JudgeResult(interaction.getId(), config.classifierId(), config.classifierVersion(),
                ScoreStatus.UNSCORED, 0.0, reason, template.ref(), model == null ? "none" : model, latency, false);
    }

    private long elapsed(Job job) {
        return Math.max(0, config.clock().getAsLong() - job.startedAt);
    }

    private CircuitBreaker breaker(ChatEndpoint endpoint) {
        return breakers.computeIfAbsent(endpoint.serverKey(), k -> new CircuitBreaker(config.breakerFailures(),
                config.breakerCooldown().toMillis(), config.clock()));
    }

    private TokenBudget budget(ChatEndpoint endpoint) {
        return budgets.computeIfAbsent(endpoint.serverKey(), k -> new TokenBudget(config.tokensPerMinute(),
                config.budgetWindow().toMillis(), config.clock()));
    }

    private String cacheKey(Interaction interaction, ChatEndpoint endpoint) {
        return JudgmentCache.key(template.id(), template.version(), endpoint.model(),
                PromptTemplate.conversationText(interaction), Texts.completion(interaction));
    }

    private long estimateTokens(Interaction interaction) {
        return TokenBudget.estimateTokens(PromptTemplate.conversationText(interaction))
                + TokenBudget.estimateTokens(Texts.completion(interaction))
                + TokenBudget.estimateTokens(template.system() + template.user()) + 1;
    }

    private static String minutes(long millis) {
        return millis >= 60_000 ? (millis / 60_000) + " min" : (millis / 1000) + " s";
    }

    /**
     * Stops calling and delivering. Unfinished and undelivered judgments stay in the journal for the
     * next run; their futures are cancelled.
     */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        pending.values().forEach(job -> job.future.cancel(false));
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("Could not close judge journal {}", journal.file(), e);
        }
    }
}
