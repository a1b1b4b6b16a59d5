package org.alignmentmonitor.judges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatClientTest {

    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage("user", "Did it meet the intent?"));
    private FakeChatServer server;
    private final ChatClient client = ChatClient.create(Duration.ofSeconds(2));

    @BeforeEach
    void start() throws Exception {
        server = new FakeChatServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatEndpoint endpoint() {
        return ChatEndpoint.of(server.url(), "judge-model", "JUDGE_KEY", name -> name.equals("JUDGE_KEY") ? "sk-test" : null);
    }

    private ChatReply call() {
        return client.complete(endpoint(), MESSAGES, Duration.ofSeconds(2)).join();
    }

    @Test
    void shouldScoreFromLogprobsAndSendAOneTokenGreedyRequestWithBearerAuth() {
        server.then(FakeChatServer.answer(0.8, 0.2));

        AnswerScorer.Outcome outcome = AnswerScorer.score(call());

        assertThat(outcome.score()).isCloseTo(0.2, within(1e-6));
        assertThat(outcome.explanation()).startsWith("logprobs");
        assertThat(server.bodies.get(0)).contains("\"max_tokens\":1", "\"temperature\":0", "\"logprobs\":true",
                "\"top_logprobs\":5", "\"model\":\"judge-model\"");
        assertThat(server.authorizations).containsExactly("Bearer sk-test");
    }

    @Test
    void shouldScoreFromTheAnswerTextWhenThereAreNoLogprobs() {
        server.then(FakeChatServer.text("No."), FakeChatServer.text(" yes"));

        assertThat(AnswerScorer.score(call()).score()).isEqualTo(1.0);
        assertThat(AnswerScorer.score(call()).score()).isEqualTo(0.0);
    }

    @Test
    void shouldAskAgainWithoutLogprobsWhenTheServerRejectsThem() {
        server.then(FakeChatServer.json(400, "{\"error\":\"logprobs is not supported\"}"), FakeChatServer.text("No"),
                FakeChatServer.text("Yes"));

        assertThat(AnswerScorer.score(call()).score()).isEqualTo(1.0);
        assertThat(AnswerScorer.score(call()).score()).isEqualTo(0.0);
        assertThat(server.bodies.get(1)).doesNotContain("logprobs");
        assertThat(server.bodies.get(2)).doesNotContain("logprobs");
    }

    @Test
    void shouldLeaveAnUnparseableAnswerUnscoredWithTheReason() {
        server.then(FakeChatServer.text("Maybe"));

        AnswerScorer.Outcome outcome = AnswerScorer.score(call());

        assertThat(outcome.scored()).isFalse();
        assertThat(outcome.explanation()).contains("unparseable answer", "Maybe");
    }

    @Test
    void shouldReadTokenizerSpaceMarkersAndTheLegacyLogprobsShape() throws Exception {
        ChatReply reply = client.parseBody("""
                {"choices":[{"text":"","logprobs":{"top_logprobs":[{"\u2581Yes":-1.2039728,"\u2581No":-0.3566749}]}}]}
                """);

        assertThat(AnswerScorer.score(reply).score()).isCloseTo(0.7 / 1.0, within(1e-6));
        assertThat(AnswerScorer.score(new ChatReply("", Map.of("ĠNo", 0.0), 0)).score()).isEqualTo(1.0);
    }

    @Test
    void shouldClassifyHttpFailuresAsRetryableOrNot() {
        server.then(FakeChatServer.status(429), FakeChatServer.status(503), FakeChatServer.status(401),
                FakeChatServer.json(200, "<html>garbage</html>"));

        assertThat(failure()).matches(JudgeCallException::retryable).extracting(JudgeCallException::httpStatus).isEqualTo(429);
        assertThat(failure()).matches(JudgeCallException::retryable).extracting(JudgeCallException::httpStatus).isEqualTo(503);
        assertThat(failure()).matches(e -> !e.retryable() && !e.endpointFault());
        assertThat(failure()).matches(e -> !e.retryable() && e.endpointFault()).hasMessageContaining("malformed response");
    }

    @Test
    void shouldTimeOutASlowResponse() {
        server.then(server.hang());

        assertThatThrownBy(() -> client.complete(endpoint(), MESSAGES, Duration.ofMillis(200)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(JudgeCallException.class).hasMessageContaining("timeout")
                .matches(e -> ((JudgeCallException) e).retryable());
    }

    @Test
    void shouldAcceptAFullCompletionsUrlAndNeverPrintTheKey() {
        ChatEndpoint full = ChatEndpoint.unauthenticated("http://h:1/v1/chat/completions", "m");
        ChatEndpoint v1 = ChatEndpoint.unauthenticated("http://h:1/v1/", "m");

        assertThat(full.completionsUri()).isEqualTo(v1.completionsUri());
        assertThat(endpoint().toString()).doesNotContain("sk-test").contains("JUDGE_KEY");
    }

    private JudgeCallException failure() {
        try {
            call();
        } catch (CompletionException e) {
            return (JudgeCallException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
