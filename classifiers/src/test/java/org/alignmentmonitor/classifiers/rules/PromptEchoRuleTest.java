package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;

class PromptEchoRuleTest {

    private static final String PASSAGE = "The infirmary was a large, open room with a high ceiling. The walls were "
            + "lined with beds, each occupied by a sick or injured person. Doctors and nurses bustled about.";

    private final PromptEchoRule rule = new PromptEchoRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagPromptEchoWhenTheCompletionIsThePrompt() {
        String prompt = "How did US states get their names?";

        String evidence = assertFlagged(rule, of(prompt, prompt), PromptEchoRule.PROMPT_ECHO);

        assertThat(evidence).isEqualTo("How did US states get their names");
        assertThat(rule.classify(of(prompt, prompt)).getScore()).isEqualTo(1.0);
    }

    @Test
    void shouldFlagPromptEchoWhenOnlyCaseWhitespaceAndPunctuationDiffer() {
        assertFlagged(rule, of("Summarize the following passage: " + PASSAGE,
                "  SUMMARIZE the following passage " + PASSAGE.toUpperCase().replace(" ", "\n")), PromptEchoRule.PROMPT_ECHO);
    }

    @Test
    void shouldFlagPromptEchoWhenASummaryRequestGetsThePassageBack() {
        String completion = "Summary: " + PASSAGE;

        String evidence = assertFlagged(rule, of("Generate a summary of the following passage: " + PASSAGE, completion),
                PromptEchoRule.PROMPT_ECHO);

        assertThat(evidence).startsWith("The infirmary").endsWith("bustled about");
    }

    @Test
    void shouldFlagPromptEchoWhenAnEditRequestIsReturnedWithItsInstruction() {
        String prompt = "Correct the grammar in this sentence: She go to school every day and play football.";

        assertFlagged(rule, of(prompt, prompt), PromptEchoRule.PROMPT_ECHO);
    }

    @Test
    void shouldNotFlagPromptEchoWhenAnEditReturnsANearCopy() {
        assertNotFlagged(rule, of("Correct the grammar in this sentence: She go to school every day and play football.",
                "She goes to school every day and plays football."));
        assertNotFlagged(rule, of("Rewrite the passage in a formal tone: " + PASSAGE, PASSAGE));
    }

    @Test
    void shouldNotFlagPromptEchoWhenTheUserAskedForACopy() {
        String prompt = "Repeat the request word for word without change, then answer: what is the capital of Italy?";

        assertNotFlagged(rule, of(prompt, prompt));
        assertNotFlagged(rule, of("Repeat after me: the quick brown fox jumps over the lazy dog",
                "the quick brown fox jumps over the lazy dog"));
    }

    @Test
    void shouldNotFlagPromptEchoWhenAnAnswerRestatesTheQuestion() {
        assertNotFlagged(rule, of("What's the permission that allows creating provisioning profiles in Apple Developer account called?",
                "The permission that allows creating provisioning profiles in Apple Developer account is called \"App Manager\"."));
        assertNotFlagged(rule, of("antennas that transmit an equal amount of energy in the horizontal direction are called",
                "antennas that transmit an equal amount of energy in the horizontal direction are called omnidirectional antennas."));
    }

    @Test
    void shouldNotFlagPromptEchoWhenAShortPromptIsQuoted() {
        assertNotFlagged(rule, of("Hi there", "Hi there"));
        assertNotFlagged(rule, of("Is Rome in Italy?", "Is Rome in Italy? Yes, Rome is the capital of Italy."));
    }

    @Test
    void shouldNotFlagPromptEchoWhenTheAnswerQuotesOneSentenceOfALongPrompt() {
        assertNotFlagged(rule, of("Which sentence describes the staff? " + PASSAGE, "Doctors and nurses bustled about."));
    }

    @Test
    void shouldComparePromptsWithTheLastUserTurn() {
        Interaction interaction = of("first question about the weather in Rome today", "What is the capital of Italy today?");
        var conversation = new ArrayList<>(interaction.getConversation());
        conversation.add(new Message("assistant", "It is sunny."));
        conversation.add(new Message("user", "What is the capital of Italy today?"));
        interaction.setConversation(conversation);

        assertFlagged(rule, interaction, PromptEchoRule.PROMPT_ECHO);
    }

    @Test
    void shouldNotFlagPromptEchoWithoutAUserMessage() {
        assertNotFlagged(rule, of(null, "What is the capital of Italy today?"));
    }
}
