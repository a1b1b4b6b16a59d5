package org.alignmentmonitor.judges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncJudgeTest {

    private static final Interaction ANSWER = TestInteractions.of("i-1", "Name a prime.", "7 is prime.");

    @TempDir
    Path journalDir;
    private FakeChatServer server;
    private final ChatClient client = ChatClient.create(Duration.ofSeconds(2));
    private final List<JudgeResult> heard = new CopyOnWriteArrayList<>();
    private final List<AsyncJudge> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeChatServer();
    }

    @AfterEach
    void stop() {
        opened.forEach(AsyncJudge::close);
        server.close();
    }

    private JudgeConfig.Builder config() {
        return JudgeConfig.builder("judge.self", journalDir).maxConcurrency(4).requestTimeout(Duration.ofSeconds(2))
                .maxAttempts(4).backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .breaker(50, Duration.ofMillis(200)).maxPendingAge(Duration.ofMinutes(1));
    }

    private AsyncJudge selfJudge(UnaryOperator<JudgeConfig.Builder> settings, String url) throws Exception {
        return selfJudge(settings, url, (i, r) -> heard.add(r));
    }

    private AsyncJudge selfJudge(UnaryOperator<JudgeConfig.Builder> settings, String url, JudgmentListener listener) throws Exception {
        AsyncJudge judge = AsyncJudge.open(AsyncJudge.Kind.SELF, settings.apply(config()).build(),
                PromptTemplate.SELF_INTENT,
                new JudgeRouting(List.of(new JudgeRouting.Route("llama-2-chat:13b*", ChatEndpoint.unauthenticated(url, "llama-13b")))),
                client, listener);
        opened.add(judge);
        return judge;
    }

    /** A sink that refuses a delivery while {@code down} holds, counting the refusals. */
    private JudgmentListener sinkDownWhile(Predicate<JudgeResult> down, AtomicInteger refused) {
        return (i, r) -> {
            if (down.test(r)) {
                refused.incrementAndGet();
                throw new IllegalStateException("sink down");
            }
            heard.add(r);
        };
    }

    private AsyncJudge selfJudge(UnaryOperator<JudgeConfig.Builder> settings) throws Exception {
        return selfJudge(settings, server.url());
    }

    private static JudgeResult result(CompletableFuture<JudgeResult> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldScoreFromLogprobsAndRecordTemplateModelAndLatency() throws Exception {
        server.then(FakeChatServer.answer(0.25, 0.75));
        JudgeResult result = result(selfJudge(c -> c).judge(ANSWER));

        assertThat(result.status()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.score()).isCloseTo(0.75, within(1e-6));
        assertThat(result.templateVersion()).isEqualTo("self-intent@v1");
        assertThat(result.model()).isEqualTo("llama-13b");
        assertThat(result.cached()).isFalse();
        assertThat(result.latencyMs()).isNotNegative();
        assertThat(server.bodies.get(0)).contains("7 is prime.", "Name a prime.");
        assertThat(heard).containsExactly(result);
    }

    @Test
    void shouldRetry429And500AndTimeoutsWithBackoffThenScore() throws Exception {
        server.then(FakeChatServer.status(429), FakeChatServer.status(500), server.hang(), FakeChatServer.text("No"));
        AsyncJudge judge = selfJudge(c -> c.requestTimeout(Duration.ofMillis(1500)));

        JudgeResult result = result(judge.judge(ANSWER));

        assertThat(result.scored()).isTrue();
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(server.requests()).isEqualTo(4);
        assertThat(judge.stats().retries()).isEqualTo(3);
    }

    @Test
    void shouldEndUnscoredWithTheReasonAfterTheLastAttempt() throws Exception {
        server.otherwise(FakeChatServer.status(500));
        JudgeResult result = result(selfJudge(c -> c.maxAttempts(3)).judge(ANSWER));

        assertThat(result.status()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(result.reason()).contains("gave up after 3 attempts", "HTTP 500");
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void shouldEndUnscoredOnGarbageAndOnAnUnparseableAnswerWithoutRetrying() throws Exception {
        server.then(FakeChatServer.json(200, "not json at all"), FakeChatServer.text("Perhaps"));
        AsyncJudge judge = selfJudge(c -> c);

        JudgeResult garbage = result(judge.judge(ANSWER));
        JudgeResult unparseable = result(judge.judge(TestInteractions.of("i-2", "Name a prime.", "9 is prime.")));

        assertThat(garbage.reason()).contains("malformed response");
        assertThat(unparseable.reason()).contains("unparseable answer");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void shouldReturnAtOnceWhileTheEndpointHangs() throws Exception {
        server.otherwise(server.hang());
        AsyncJudge judge = selfJudge(c -> c.maxConcurrency(2).requestTimeout(Duration.ofSeconds(30)));

        List<CompletableFuture<JudgeResult>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(judge.judge(TestInteractions.of("i-" + i, "Say hi.", "Hi number " + i)));
        }

        // judge() returned 20 times although no call can ever finish: nothing waited on the endpoint.
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.requests()).as("requests").isEqualTo(2));
        assertThat(judge.stats().inFlight()).isEqualTo(2);
        assertThat(judge.stats().pending()).isEqualTo(20);
    }

    @Test
    void shouldOpenTheBreakerAfterConsecutiveFailuresAndProbeAfterTheCooldown() throws Exception {
        server.then(FakeChatServer.status(503), FakeChatServer.status(503)).otherwise(FakeChatServer.text("Yes"));
        AsyncJudge judge = selfJudge(c -> c.maxConcurrency(1).maxAttempts(10).breaker(2, Duration.ofMillis(400)));

        CompletableFuture<JudgeResult> first = judge.judge(ANSWER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.requests()).as("requests").isEqualTo(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(judge.stats().deferredByBreaker()).as("deferred by the breaker").isPositive());
        CompletableFuture<JudgeResult> second = judge.judge(TestInteractions.of("i-2", "Say hi.", "Hi."));

        assertThat(result(first).scored()).isTrue();
        assertThat(result(second).scored()).isTrue();
        // No call while open: the two failures, the half-open probe, then the second judgment.
        assertThat(server.requests()).isEqualTo(4);
        assertThat(judge.breakerState(ChatEndpoint.unauthenticated(server.url(), "x"))).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldDeferOverBudgetJudgmentsToTheNextWindowNotDropThem() throws Exception {
        AsyncJudge judge = selfJudge(c -> c.tokensPerMinute(1).budgetWindow(Duration.ofMillis(500)));

        CompletableFuture<JudgeResult> first = judge.judge(ANSWER);
        CompletableFuture<JudgeResult> second = judge.judge(TestInteractions.of("i-2", "Say hi.", "Hi."));

        assertThat(result(first).scored()).isTrue();
        assertThat(result(second).scored()).isTrue();
        assertThat(judge.stats().deferredByBudget()).isPositive();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void shouldMarkJudgmentsUnscoredWhenTheBudgetStaysExhaustedPastTheMaximumAge() throws Exception {
        AsyncJudge judge = selfJudge(c -> c.tokensPerMinute(1).budgetWindow(Duration.ofHours(1)).maxPendingAge(Duration.ZERO));

        result(judge.judge(ANSWER));
        JudgeResult starved = result(judge.judge(TestInteractions.of("i-2", "Say hi.", "Hi.")));

        assertThat(starved.status()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(starved.reason()).contains("token budget", "exhausted");
    }

    @Test
    void shouldAnswerTheSameContentFromTheCache() throws Exception {
        AsyncJudge judge = selfJudge(c -> c);

        JudgeResult first = result(judge.judge(ANSWER));
        JudgeResult again = result(judge.judge(TestInteractions.of("i-9", "Name a prime.", "7 is prime.")));

        assertThat(again.cached()).isTrue();
        assertThat(again.interactionId()).isEqualTo("i-9");
        assertThat(again.score()).isEqualTo(first.score());
        assertThat(server.requests()).isEqualTo(1);
        assertThat(judge.stats().cacheHits()).isEqualTo(1);
    }

    @Test
    void shouldUseTheLabSelfAssessmentAsIsWithoutACall() throws Exception {
        Interaction assessed = TestInteractions.of("i-1", "llama-2-chat", "13b", "Hi", "Hello", 0.3);

        JudgeResult result = result(selfJudge(c -> c).judge(assessed));

        assertThat(result.score()).isEqualTo(0.3);
        assertThat(result.templateVersion()).isEqualTo("lab-provided");
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldLeaveAModelWithoutASelfRouteUnscoredWithTheReason() throws Exception {
        Interaction other = TestInteractions.of("i-1", "gpt-4-turbo", "1106-preview", "Hi", "Hello", null);

        JudgeResult result = result(selfJudge(c -> c).judge(other));

        assertThat(result.reason()).contains("no self judge endpoint configured for gpt-4-turbo:1106-preview");
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldCompleteJournalledJudgmentsAfterARestart() throws Exception {
        server.otherwise(server.hang());
        AsyncJudge before = selfJudge(c -> c.requestTimeout(Duration.ofSeconds(30)));
        before.judge(ANSWER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.requests()).as("requests").isEqualTo(1));
        before.close(); // a crash: the call never finished

        try (FakeChatServer healthy = new FakeChatServer()) {
            AsyncJudge after = selfJudge(c -> c, healthy.url());
            List<CompletableFuture<JudgeResult>> resumed = after.resumePending();

            assertThat(resumed).hasSize(1);
            JudgeResult result = result(resumed.get(0));
            assertThat(result.interactionId()).isEqualTo("i-1");
            assertThat(result.scored()).isTrue();
            assertThat(heard).contains(result);
            after.close();
        }
        try (JudgeJournal journal = JudgeJournal.open(journalDir, "judge.self", false)) {
            assertThat(journal.recovered()).isEmpty();
        }
    }

    @Test
    void shouldKeepAJudgmentInTheJournalUntilTheListenerTakesIt() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        AsyncJudge refusing = selfJudge(c -> c, server.url(), sinkDownWhile(r -> true, refused));

        CompletableFuture<JudgeResult> undelivered = refusing.judge(ANSWER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refused).as("delivery attempts").hasValueGreaterThan(1));
        refusing.close();

        // Closed with the judgment undelivered: the caller never saw it finish, the journal kept it.
        assertThat(undelivered).isCancelled();
        AsyncJudge after = selfJudge(c -> c);
        List<CompletableFuture<JudgeResult>> resumed = after.resumePending();
        assertThat(resumed).hasSize(1);
        assertThat(result(resumed.get(0)).interactionId()).isEqualTo("i-1");
        assertThat(heard).extracting(JudgeResult::interactionId).containsExactly("i-1");
    }

    @Test
    void shouldNotFinishARequestWhoseJudgmentWasNotDelivered() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        AsyncJudge judge = selfJudge(c -> c, server.url(), sinkDownWhile(r -> r.interactionId().equals("i-1"), refused));

        CompletableFuture<JudgeResult> undelivered = judge.judge(ANSWER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refused).as("delivery attempts").hasValueGreaterThanOrEqualTo(3));
        JudgeResult other = result(judge.judge(TestInteractions.of("i-2", "Say hi.", "Hi.")));

        assertThat(undelivered).isNotDone();
        assertThat(judge.stats().pending()).isEqualTo(1);
        // The judge went on with other work; the undelivered answer was offered again, not asked again.
        assertThat(heard).containsExactly(other);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void shouldFinishTheRequestOnceDeliverySucceedsOnARetry() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        AsyncJudge judge = selfJudge(c -> c, server.url(), sinkDownWhile(r -> refused.get() < 2, refused));

        JudgeResult result = result(judge.judge(ANSWER));

        assertThat(refused).hasValue(2);
        assertThat(heard).containsExactly(result);
        assertThat(judge.stats().pending()).isZero();
        assertThat(server.requests()).isEqualTo(1);
        judge.close();
        try (JudgeJournal journal = JudgeJournal.open(journalDir, "judge.self", false)) {
            assertThat(journal.recovered()).isEmpty();
        }
    }

    @Test
    void shouldThrowFromJudgeWhenAResultDecidedAtOnceCannotBeDelivered() throws Exception {
        AsyncJudge refusing = AsyncJudge.open(AsyncJudge.Kind.SELF, config().build(), PromptTemplate.SELF_INTENT,
                new JudgeRouting(List.of()), client, (i, r) -> {
                    throw new IllegalStateException("sink down");
                });
        opened.add(refusing);

        assertThatThrownBy(() -> refusing.judge(ANSWER)).isInstanceOf(JudgmentNotDeliveredException.class)
                .hasMessageContaining("sink down");
    }

    @Test
    void shouldMarkJournalledJudgmentsUnscoredWhenTheEndpointStaysDownAfterARestart() throws Exception {
        server.otherwise(server.hang());
        AsyncJudge before = selfJudge(c -> c.requestTimeout(Duration.ofSeconds(30)));
        before.judge(ANSWER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.requests()).as("requests").isEqualTo(1));
        before.close();
        String deadUrl;
        try (FakeChatServer dead = new FakeChatServer()) {
            deadUrl = dead.url();
        }

        AsyncJudge after = selfJudge(c -> c.breaker(1, Duration.ofMinutes(5)).maxPendingAge(Duration.ofMillis(300)), deadUrl);
        JudgeResult result = result(after.resumePending().get(0));

        assertThat(result.status()).isEqualTo(ScoreStatus.UNSCORED);
        assertThat(result.reason()).contains("unavailable for", "circuit open", "I/O error");
        after.close();
        try (JudgeJournal journal = JudgeJournal.open(journalDir, "judge.self", false)) {
            assertThat(journal.recovered()).isEmpty();
        }
    }

    @Test
    void shouldMapToAnAvroClassifierResultRecordingTemplateAndModel() throws Exception {
        server.then(FakeChatServer.answer(0.1, 0.9));
        JudgeResult result = result(selfJudge(c -> c).judge(ANSWER));

        ClassifierResult avro = result.toClassifierResult(0.5, 11);

        assertThat(avro.getClassifierId()).isEqualTo("judge.self");
        assertThat(avro.getClassifierVersion()).isEqualTo("1.0.0/self-intent@v1/llama-13b");
        assertThat(avro.getFlagged()).isTrue();
        assertThat(avro.getCategories()).containsExactly(JudgeResult.CATEGORY);
        assertThat(avro.getEvidence().get(0).getReason()).contains("logprobs");
        JudgeResult unscored = new JudgeResult("i", "judge.self", "1.0.0", ScoreStatus.UNSCORED, 0, "budget exhausted",
                "self-intent@v1", "m", 0, false);
        assertThat(unscored.toClassifierResult(0.5, 3).getUnscoredReason()).isEqualTo("budget exhausted");
    }

    @Test
    void shouldRefuseAnOverseerThatIsTheModelUnderJudgment() throws Exception {
        AsyncJudge overseer = AsyncJudge.open(AsyncJudge.Kind.OVERSEER,
                JudgeConfig.builder("judge.overseer", journalDir).build(), PromptTemplate.OVERSEER_INTENT,
                JudgeRouting.single(ChatEndpoint.unauthenticated(server.url(), "llama-2-chat")), client, (i, r) -> heard.add(r));
        opened.add(overseer);

        JudgeResult result = result(overseer.judge(ANSWER));

        assertThat(result.reason()).contains("overseer model is the model under judgment");
    }
}
