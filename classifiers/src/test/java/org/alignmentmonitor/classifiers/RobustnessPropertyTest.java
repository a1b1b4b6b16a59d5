package org.alignmentmonitor.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;

/** The built-in rules score any input and point their evidence inside the text it names. */
class RobustnessPropertyTest {

    private final ClassifierSuite suite = ClassifierSuite.defaults();

    @Property(tries = 500)
    void everyRuleScoresAnyInput(@ForAll("texts") String prompt, @ForAll("texts") String completion,
                                 @ForAll("finishReasons") String finishReason) {
        Interaction interaction = Interactions.of(prompt, completion, finishReason);

        Verdict verdict = suite.judge(interaction, 0L);

        assertThat(verdict.getResults()).hasSize(suite.classifiers().size());
        for (ClassifierResult result : verdict.getResults()) {
            assertThat(result.getStatus()).as("%s: %s", result.getClassifierId(), result.getUnscoredReason())
                    .isEqualTo(ScoreStatus.SCORED);
            assertThat(result.getScore()).isBetween(0.0, 1.0);
            for (EvidenceSpan span : result.getEvidence()) {
                int length = span.getTarget() == EvidenceTarget.PROMPT ? Texts.lastUserMessage(interaction).length()
                        : Texts.completion(interaction).length();
                assertThat(span.getStart()).isBetween(0, span.getEnd());
                assertThat(span.getEnd()).isLessThanOrEqualTo(length);
            }
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("the", "The", "and", "a", "word", "Hello", ".", "!", "?", ",", ":",
                " ", " ", "\n", "\n\n", "```", "- ", "1. ", "| ", "#", "\"", "(", "-", "😊", "神", "e\u0301", "\u00A0",
                "\uD800", "repeat", "song", "fix");
        Arbitrary<String> structured = pieces.list().ofMaxSize(60).map(list -> String.join("", list));
        Arbitrary<String> looped = structured.flatMap(unit -> Arbitraries.integers().between(1, 30).map(unit::repeat));
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200), structured, looped,
                Arbitraries.just(""), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> finishReasons() {
        return Arbitraries.of("stop", "length", "tool_calls", "content_filter", "", "weird").injectNull(0.2);
    }
}
