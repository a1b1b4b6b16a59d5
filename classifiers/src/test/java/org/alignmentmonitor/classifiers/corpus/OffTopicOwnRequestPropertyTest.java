package org.alignmentmonitor.classifiers.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.rules.OffTopicRule;
import org.junit.jupiter.api.Test;

/**
 * A real answer to its own request is not off topic: across the strong model's 805 real answers the
 * rule flags at most 0.5%, the few lists and creative answers that name none of the request's words
 * (dinner ideas answered with dishes, "The Shining" summarised without its title).
 */
class OffTopicOwnRequestPropertyTest {

    private final OffTopicRule rule = new OffTopicRule(0.5);

    @Test
    void shouldNotFlagRealAnswersWhenTheyAnswerTheirOwnRequestAcrossTheStrongModelsLog() {
        Path strong = TrafficLog.trafficFiles().stream()
                .filter(file -> file.getFileName().toString().startsWith("gpt-4-turbo-1106.jsonl")).findFirst().orElseThrow();
        List<Interaction> answers = TrafficLog.read(strong);

        long flagged = answers.stream().filter(answer -> rule.classify(answer).getFlagged()).count();

        assertThat(answers).hasSize(805);
        assertThat(flagged).isLessThanOrEqualTo(4);
    }
}
