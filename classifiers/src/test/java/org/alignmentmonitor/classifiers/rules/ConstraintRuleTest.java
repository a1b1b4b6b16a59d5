package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstraintRuleTest {

    private final ConstraintRule rule = new ConstraintRule(ClassifierSettings.DEFAULT_THRESHOLD);

    /** Asserts a flag at 0.9 with a prompt span on the instruction; returns the result. */
    private ClassifierResult assertViolation(String prompt, String completion, String promptEvidence, String reasonPart) {
        Interaction interaction = of(prompt, completion);
        ClassifierResult result = rule.classify(interaction);
        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.getFlagged()).as("flagged: %s", result.getEvidence()).isTrue();
        assertThat(result.getScore()).isEqualTo(0.9);
        assertThat(result.getCategories()).containsExactly(ConstraintRule.CONSTRAINT_VIOLATION);
        EvidenceSpan inPrompt = result.getEvidence().get(0);
        assertThat(inPrompt.getTarget()).isEqualTo(EvidenceTarget.PROMPT);
        assertThat(prompt.substring(inPrompt.getStart(), inPrompt.getEnd())).isEqualTo(promptEvidence);
        assertThat(inPrompt.getReason()).contains(reasonPart);
        return result;
    }

    private void assertKept(String prompt, String completion) {
        ClassifierResult result = rule.classify(of(prompt, completion));
        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.getFlagged()).as("flagged with %s", result.getEvidence()).isFalse();
    }

    private static String completionEvidence(ClassifierResult result, String completion) {
        EvidenceSpan span = result.getEvidence().stream().filter(e -> e.getTarget() == EvidenceTarget.COMPLETION)
                .findFirst().orElseThrow();
        return completion.substring(span.getStart(), span.getEnd());
    }

    // ---- no commas ----

    @Test
    void shouldFlagNoCommaWhenTheCompletionHasCommas() {
        String completion = "Packets travel far, and moms wait.";
        ClassifierResult result = assertViolation("Write a joke about packets. Do not use any commas in your response.",
                completion, "Do not use any commas", "found 1 comma");
        assertThat(completionEvidence(result, completion)).isEqualTo(",");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Refrain from using commas.", "Write it without using any commas.", "Avoid using commas.",
            "Your answer cannot contain commas.", "You are not allowed to use any commas in your response."})
    void shouldFlagNoCommaWhenAskedInAnyUsualWording(String instruction) {
        assertThat(ConstraintParser.parse("Tell me about Rome. " + instruction)).extracting(Constraint::kind)
                .containsExactly(Kind.NO_COMMA);
    }

    @Test
    void shouldNotFlagNoCommaWhenTheCompletionHasNone() {
        assertKept("Do not use any commas.", "Packets travel far and moms wait.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Use commas sparingly.", "Is a comma needed after 'however'?",
            "Explain the Oxford comma rule with examples, please."})
    void shouldNotFlagNoCommaWhenCommasAreOnlyDiscussed(String prompt) {
        assertKept(prompt, "Yes, it is, and here, commas are used.");
    }

    // ---- case ----

    @Test
    void shouldFlagLowercaseWhenTheCompletionHasCapitals() {
        String completion = "dear friend, Vote for us.";
        ClassifierResult result = assertViolation("Write a letter in all lowercase letters.", completion,
                "all lowercase", "upper-case letter");
        assertThat(completionEvidence(result, completion)).isEqualTo("Vote");
    }

    @Test
    void shouldFlagLowercaseWhenAskedToWriteWithoutCapitalLetters() {
        assertViolation("make a tweet without using capital letters.", "New issue out now!", "without using capital letters",
                "all lowercase");
    }

    @Test
    void shouldNotFlagLowercaseWhenTheCompletionIsLowercase() {
        assertKept("Your entire response should be in English and all lower case.", "i like it, 100%.");
    }

    @Test
    void shouldFlagUppercaseWhenTheCompletionHasLowercaseLetters() {
        assertViolation("Your entire response should be in English, and in all capital letters.", "HELLO there",
                "all capital letters", "lower-case letter");
    }

    @Test
    void shouldNotFlagUppercaseWhenTheCompletionIsAllCapitals() {
        assertKept("Answer in all caps.", "ROME WAS NOT BUILT IN A DAY, 753 BC.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Words with all capital letters should appear at least 16 times.",
            "Your song should contain at least 19 words in all capital letters.",
            "Write without using capital letters at the start of lines... actually use capitals for names."})
    void shouldNotFlagUppercaseWhenOnlySomeWordsShouldBeCapitalised(String prompt) {
        assertThat(ConstraintParser.parse(prompt)).extracting(Constraint::kind)
                .doesNotContain(Kind.UPPERCASE);
    }

    // ---- quotation ----

    @Test
    void shouldFlagQuotationWhenTheResponseIsNotWrapped() {
        assertViolation("Wrap your entire response with double quotation marks.", "Hello there.",
                "Wrap your entire response with double quot", "not wrapped in double quotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Hello there.\"", "  \"Hello there.\"\n"})
    void shouldNotFlagQuotationWhenTheResponseIsWrapped(String completion) {
        assertKept("Please put double quotation marks around your entire response.", completion);
    }

    @Test
    void shouldFlagQuotationWhenTheQuotesAreCurly() {
        // IFEval's check wants the straight double quote character
        assertViolation("Make sure your entire response is wrapped in double quotation marks.", "“Hello there.”",
                "wrapped in double quot", "not wrapped in double quotes");
    }

    @Test
    void shouldNotFlagQuotationWhenOnlyAPhraseShouldBeQuoted() {
        assertKept("Put the title in double quotes.", "The title is \"Rome\".");
    }

    // ---- end phrase ----

    @Test
    void shouldFlagEndPhraseWhenTheCompletionEndsOtherwise() {
        String completion = "Here is the plan. Bye now.";
        ClassifierResult result = assertViolation(
                "Finish your response with this exact phrase: Any other questions? No other words should follow.",
                completion, "Finish your response with this exact phrase: Any other questions?", "\"Any other questions?\"");
        assertThat(completionEvidence(result, completion)).isEqualTo("Bye now.");
    }

    @Test
    void shouldFlagEndPhraseWhenTheQuotedPhraseIsMissing() {
        assertViolation("Write a cover letter and end with this phrase \"Is there anything else I can help with?\".",
                "Dear Sir,\nIs there anything else I can help with?\nSincerely, Jo",
                "end with this phrase \"Is there anything else I can help with?\"", "found a different ending");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plan done. Any other questions?", "Plan done. any other questions?\n",
            "Plan done. \"Any other questions?\""})
    void shouldNotFlagEndPhraseWhenTheCompletionEndsWithIt(String completion) {
        assertKept("End your response with \"Any other questions?\".", completion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"End each paragraph with \"Amen\".", "End your story with a question, like \"why?\".",
            "The weekend ended with \"a bang\", write about it.",
            "Highlight at least 5 sections in your answer by starting and ending with \"*\", like: *section*.",
            "At the end of your response, please explicitly add a note starting with \"P.S.\""})
    void shouldNotFlagEndPhraseWhenTheEndingIsNotOneExactPhrase(String prompt) {
        assertThat(ConstraintParser.parse(prompt)).extracting(Constraint::kind)
                .doesNotContain(Kind.END_PHRASE);
    }

    // ---- start phrase ----

    @Test
    void shouldFlagStartPhraseWhenTheResponseStartsOtherwise() {
        String completion = "Hello there.\n\nMore text.";
        ClassifierResult result = assertViolation("Write a letter. The first paragraph must start with the word \"realising\".",
                completion, "start with the word \"realising\"", "found a different start");
        assertThat(completionEvidence(result, completion)).isEqualTo("Hello there.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Realising this, I left.", "**Realising** this.", "<<My Letter>>\n\nrealising this, I left."})
    void shouldNotFlagStartPhraseWhenTheResponseStartsWithIt(String completion) {
        assertKept("The cover letter should contain one paragraph and start with the word realising.", completion);
    }

    @Test
    void shouldFlagStartPhraseWhenAskedToStartTheFirstParagraphWithAWord() {
        assertViolation("Please start the first paragraph with the word \"firms\".", "Companies are key.",
                "start the first paragraph with the word \"firms\"", "starting with \"firms\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Paragraph 2 must start with the word \"progression\".", "Start the 4th paragraph with the word elm.",
            "Mark the beginning of each section with Section X.", "Add a postscript starting with P.S.",
            "Start your story with a question.", "Each section should start with \"SECTION X\"."})
    void shouldNotFlagStartPhraseWhenItIsNotAboutTheWholeResponse(String prompt) {
        assertThat(ConstraintParser.parse(prompt)).extracting(Constraint::kind)
                .doesNotContain(Kind.START_PHRASE);
    }

    // ---- counts ----

    @Test
    void shouldFlagSentencesWhenThereAreMoreThanAllowed() {
        assertViolation("Tell me about Rome. Your response should contain at most 3 sentences.",
                "Rome is old. It is big. It has food. It has art. It has a river. It is loud.",
                "at most 3 sentences", "asked for at most 3 sentences, found 6");
    }

    @Test
    void shouldFlagSentencesWhenThereAreFewerThanAskedFor() {
        assertViolation("Write a summary with at least 8 sentences.", "Rome is old. It is big.",
                "at least 8 sentences", "found 2 sentences");
    }

    @Test
    void shouldNotFlagSentencesWhenAbbreviationsAndListNumbersCouldBeCountedAsSentences() {
        assertKept("Please respond in less than 4 sentences.",
                "1. Mr. Smith met Dr. J. Doe at 3 p.m. in the U.S. capital. They talked.");
    }

    @Test
    void shouldNotFlagSentencesWhenTheCountIsPerParagraph() {
        assertThat(ConstraintParser.parse("Write 2 paragraphs with at least 5 sentences in each paragraph.")).isEmpty();
    }

    @Test
    void shouldFlagWordsWhenTheCompletionIsClearlyShort() {
        assertViolation("Write an essay of at least 300 words on freeways.", "Freeways are roads. ".repeat(50),
                "at least 300 words", "found 150 words");
    }

    @Test
    void shouldNotFlagWordsWhenTheCountIsWithinTenPercent() {
        assertKept("Write an essay of at least 300 words on freeways.", "Freeways are roads. ".repeat(93));
        assertKept("Use less than 100 words.", "Freeways are roads. ".repeat(35));
    }

    @Test
    void shouldFlagWordsWhenTheCompletionIsClearlyLong() {
        assertViolation("Use less than 100 words.", "Freeways are roads. ".repeat(60), "less than 100 words", "180 words");
    }

    @Test
    void shouldFlagParagraphsWhenTheDividerCountIsWrong() {
        assertViolation("There should be exactly 3 paragraphs separated by the markdown divider: ***.",
                "One.\n***\nTwo.", "exactly 3 paragraphs", "found 2 paragraphs");
    }

    @Test
    void shouldNotFlagParagraphsWhenTheDividerCountIsRight() {
        assertKept("There should be exactly 3 paragraphs separated by the markdown divider: ***.",
                "One.\n\n***\n\nTwo.\n\n***\n\nThree.");
    }

    @Test
    void shouldFlagParagraphsWhenBlankLineParagraphsAreMiscounted() {
        String prompt = "Write exactly 3 paragraphs each separated by two new lines. The first must start with \"send\".";
        assertViolation(prompt, "Send it.\n\nTwo.\n\nThree.\n\nFour.", "exactly 3 paragraphs",
                "found 4 paragraphs separated by blank line");
        assertKept(prompt, "Send it.\n\nTwo,\nstill two.\n\n\nThree.\n");
    }

    @Test
    void shouldNotFlagParagraphsWhenTheSeparatorIsNotStated() {
        assertKept("Write exactly 3 paragraphs about cats.", "One paragraph only.");
    }

    @Test
    void shouldFlagBulletsWhenTheNumberDiffers() {
        assertViolation("Your answer must contain exactly 3 bullet points in markdown such as:\n* point",
                "* one\n* two\n- three\n* four", "exactly 3 bullet points", "found 4 bullet points");
    }

    @Test
    void shouldNotFlagBulletsWhenBoldLinesAreNotBullets() {
        assertKept("Your answer must contain exactly 2 bullet points.", "**Title**\n* one\n  * two\nDone.");
    }

    @Test
    void shouldFlagPlaceholdersWhenTooFew() {
        assertViolation("Write a resume with at least 3 placeholders represented by square brackets, such as [address].",
                "Name: [name]\nJob: engineer", "at least 3 placeholders", "found 1 placeholders");
    }

    @Test
    void shouldNotFlagPlaceholdersWhenEnough() {
        assertKept("Include at least 2 placeholders represented by square brackets.", "[name] lives at [address].");
    }

    @Test
    void shouldFlagHighlightsWhenTooFew() {
        assertViolation("Highlight at least 3 sections in your answer with markdown, i.e. *highlighted section*.",
                "Only *one* here.", "at least 3 sections", "found 1 highlighted sections");
    }

    @Test
    void shouldNotFlagHighlightsWhenEnough() {
        assertKept("Highlight at least 2 sections with markdown.", "*One* and **two** here.");
    }

    // ---- format ----

    @Test
    void shouldFlagTitleWhenThereIsNoDoubleAngularTitle() {
        ClassifierResult result = assertViolation("Your answer must contain a title, wrapped in double angular brackets.",
                "# Poem\nRoses.", "title, wrapped in double angul", "no <<title>>");
        assertThat(result.getEvidence()).hasSize(1);
    }

    @Test
    void shouldNotFlagTitleWhenPresent() {
        assertKept("Include a title in double angular brackets, i.e. <<title>>.", "<<Poem of Joy>>\nRoses.");
    }

    @Test
    void shouldFlagPostscriptWhenMissing() {
        assertViolation("At the end of your response, please add a postscript starting with P.P.S", "Hello.",
                "postscript starting with P.P.S", "no postscript starting with P.P.S");
    }

    @Test
    void shouldNotFlagPostscriptWhenPresent() {
        assertKept("Add a postscript starting with P.S.", "Hello.\n\nP.S. See you.");
    }

    @Test
    void shouldFlagJsonWhenTheOutputIsProse() {
        assertViolation("Wrap the entire output in JSON format.", "Here are the moms: Ann and Bea.",
                "Wrap the entire output in JSON", "does not start as JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"moms\": [\"Ann\"]}", "```json\n{\"moms\": [\"Ann\"]}\n```", "[1, 2]"})
    void shouldNotFlagJsonWhenTheOutputIsJson(String completion) {
        assertKept("Please provide the names of 5 famous moms in JSON format.", completion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Explain REST and include an example of a response in JSON format.",
            "write me script that shows the saves a dictionnary in json format in a file in python"})
    void shouldNotFlagJsonWhenJsonIsNotTheFormOfTheWholeAnswer(String prompt) {
        assertKept(prompt, "Sure! Here is how.");
    }

    // ---- many constraints ----

    @Test
    void shouldNotFlagViolationsWhenThePromptCarriesFourOrMoreConstraints() {
        String prompt = "Write a poem. Do not use any commas. Use all lowercase letters. "
                + "Wrap your entire response with double quotation marks. Highlight at least 2 sections with markdown.";
        ClassifierResult result = rule.classify(of(prompt, "Roses, Red."));

        assertThat(ConstraintParser.parse(prompt)).hasSize(4);
        assertThat(result.getFlagged()).isFalse();
        assertThat(result.getScore()).isEqualTo(0.3);
        assertThat(result.getEvidence()).extracting(EvidenceSpan::getReason)
                .allMatch(reason -> reason.contains("one of 4 constraints"));
    }

    @Test
    void shouldNotFlagViolationsWhenUncheckedInstructionsMakeFourConstraints() {
        String prompt = "Write a poem. Do not use any commas. Include the keywords \"rose\" and \"thorn\". "
                + "The letter q should appear at least 3 times. Your entire response should be in the French language.";
        ClassifierResult result = rule.classify(of(prompt, "Roses, red."));

        assertThat(ConstraintParser.parse(prompt)).hasSize(3);
        assertThat(ConstraintParser.otherConstraints(prompt, ConstraintParser.parse(prompt))).isEqualTo(1);
        assertThat(result.getFlagged()).isFalse();
        assertThat(result.getEvidence().get(0).getReason()).contains("one of 4 constraints");
    }

    @Test
    void shouldFlagViolationsWhenThePromptCarriesThreeConstraints() {
        String prompt = "Write a poem. Do not use any commas. Use all lowercase letters. "
                + "Wrap your entire response with double quotation marks.";
        assertThat(rule.classify(of(prompt, "Roses, Red.")).getFlagged()).isTrue();
    }

    /** Whatever is violated, four or more parsed constraints are never flagged at the default threshold. */
    @Property(tries = 200)
    void shouldNeverFlagWhenFourOrMoreConstraintsAreParsed(@ForAll("instructionSets") List<String> instructions,
                                                           @ForAll("completions") String completion) {
        String prompt = "Write about Rome. " + String.join(" ", instructions);
        int parsed = ConstraintParser.parse(prompt).size();
        ClassifierResult result = rule.classify(of(prompt, completion));

        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        if (parsed + ConstraintParser.otherConstraints(prompt, ConstraintParser.parse(prompt)) >= 4) {
            assertThat(result.getFlagged()).isFalse();
            assertThat(result.getScore()).isLessThanOrEqualTo(0.3);
        }
    }

    @Provide
    Arbitrary<List<String>> instructionSets() {
        return Arbitraries.of("Do not use any commas.", "Use all lowercase letters.", "Answer in all caps.",
                "Wrap your entire response with double quotation marks.", "Use less than 50 words.",
                "Your response should contain at least 5 sentences.", "Include a title in double angular brackets.",
                "Add a postscript starting with P.S.", "Highlight at least 2 sections with markdown.",
                "Your answer must contain exactly 2 bullet points.", "End your response with \"Bye.\"",
                "Answer in JSON format.", "Include at least 2 placeholders in square brackets.")
                .list().ofMinSize(4).ofMaxSize(8).uniqueElements();
    }

    @Provide
    Arbitrary<String> completions() {
        return Arbitraries.of("", "Roses, Red. Violets are blue, and so on.", "ROME", "* a\n* b", "{\"a\": 1}",
                "\"Quoted.\"", "x".repeat(500));
    }

    // ---- robustness ----

    @Test
    void shouldNotFlagWhenThereIsNoPromptOrNoConstraint() {
        assertKept(null, "Anything, at all.");
        assertKept("", "Anything, at all.");
        assertKept("Tell me about Rome.", "Rome, Italy.");
        assertThat(rule.classify(new Interaction()).getStatus()).isEqualTo(ScoreStatus.SCORED);
    }

    @Test
    void shouldFlagEmptyCompletionsOnlyWithSpansInsideTheTexts() {
        for (String completion : new String[] {null, "", "   "}) {
            Interaction interaction = of("Your response should contain at least 3 sentences.", completion);
            ClassifierResult result = rule.classify(interaction);
            assertThat(result.getFlagged()).isTrue();
            for (EvidenceSpan span : result.getEvidence()) {
                int length = span.getTarget() == EvidenceTarget.PROMPT ? Texts.lastUserMessage(interaction).length()
                        : Texts.completion(interaction).length();
                assertThat(span.getEnd()).isBetween(span.getStart(), length);
            }
        }
    }

    /** Hang guards, not speed tests: a backtracking regex on these inputs takes minutes, the rule milliseconds. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldScoreHugeAndAdversarialInputsQuickly() {
        String hugePrompt = "Do not use any commas. " + "end with with with \"".repeat(50_000)
                + "at least at least 3 ".repeat(20_000) + "Wrap your entire response with double quotation marks.";
        String hugeCompletion = "a, ".repeat(400_000) + "<<".repeat(100_000) + "*".repeat(100_000);
        ClassifierResult result = rule.classify(of(hugePrompt, hugeCompletion));

        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(result.getFlagged()).isTrue(); // the quotation instruction at the end is still read
    }

    @ParameterizedTest
    @ValueSource(strings = {"Include at least 2 placeholders in square brackets like [name].",
            "Include a title in double angular brackets, i.e. <<title>>.", "Highlight at least 2 sections with markdown.",
            "Your response should contain less than 3 sentences.", "Start your answer with the word \"yes\".",
            "Use less than 5 words.", "Use exactly 2 bullet points.", "Answer in all caps."})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldCheckAdversarialMegabyteCompletionsInLinearTime(String prompt) {
        String[] shapes = {"[".repeat(1 << 20), "<<x\n".repeat(1 << 18), "*a".repeat(1 << 19), "<<".repeat(1 << 19),
                ". ".repeat(1 << 19), "-\n".repeat(1 << 19), "a".repeat(1 << 20)};
        for (String completion : shapes) {
            assertThat(rule.classify(of(prompt, completion)).getStatus()).as(completion.substring(0, 4)).isEqualTo(ScoreStatus.SCORED);
        }
    }

    @Property(tries = 300)
    void shouldNeverFailOnArbitraryText(@ForAll String prompt, @ForAll String completion,
                                        @ForAll @IntRange(min = 0, max = 12) int instruction) {
        String[] instructions = {"", " Do not use any commas.", " Use all lowercase letters.", " Answer in all caps.",
                " Use less than 5 words.", " at least 2 sentences", " exactly 2 paragraphs ***",
                " exactly 1 bullet points", " at least 2 placeholders [x]", " title <<double angular",
                " postscript starting with P.S.", " Answer in JSON format.", " End with \"x\""};
        Interaction interaction = of(prompt + instructions[instruction], completion);
        ClassifierResult result = rule.classify(interaction);
        assertThat(result.getStatus()).isEqualTo(ScoreStatus.SCORED);
        for (EvidenceSpan span : result.getEvidence()) {
            int length = span.getTarget() == EvidenceTarget.PROMPT ? Texts.lastUserMessage(interaction).length()
                    : Texts.completion(interaction).length();
            assertThat(span.getStart()).isBetween(0, span.getEnd());
            assertThat(span.getEnd()).isLessThanOrEqualTo(length);
        }
    }
}
