package org.alignmentmonitor.classifiers.rules;

import static org.alignmentmonitor.classifiers.Interactions.of;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertFlagged;
import static org.alignmentmonitor.classifiers.rules.RuleAssertions.assertNotFlagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TruncationRuleTest {

    private static final String PROMPT = "Tell me about Barcelona.";
    private static final String LABEL_PROMPT = "Give a label, a title or a list for Barcelona, as you see fit.";

    private final TruncationRule rule = new TruncationRule(ClassifierSettings.DEFAULT_THRESHOLD);

    @Test
    void shouldFlagTruncationWhenGenerationStoppedAtTheTokenLimit() {
        Interaction interaction = of(PROMPT, "Barcelona is lively. The city is home to many markets that offer", "length");

        ClassifierResult result = rule.classify(interaction);

        assertThat(result.getScore()).isEqualTo(1.0);
        assertThat(assertFlagged(rule, interaction, TruncationRule.TRUNCATION))
                .isEqualTo("The city is home to many markets that offer");
        assertThat(result.getEvidence().get(0).getReason()).contains("finish reason length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "MAX_TOKENS", " Length "})
    void shouldFlagTruncationWhenAnyApiReportsTheTokenLimit(String finishReason) {
        assertFlagged(rule, of(PROMPT, "Barcelona is a city in Spain.", finishReason), TruncationRule.TRUNCATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", " \n ", "\u00A0\u200B"})
    void shouldFlagEmptyWhenTheCompletionIsBlank(String completion) {
        Interaction interaction = of(PROMPT, completion);

        assertThat(assertFlagged(rule, interaction, TruncationRule.EMPTY)).isEqualTo(completion);
        assertThat(rule.classify(interaction).getScore()).isEqualTo(1.0);
    }

    @Test
    void shouldFlagEmptyWhenTheCompletionIsMissing() {
        assertFlagged(rule, of(PROMPT, null), TruncationRule.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tool_calls", "function_call", "content_filter"})
    void shouldNotFlagEmptyWhenTheServingSideExplainsIt(String finishReason) {
        assertNotFlagged(rule, of(PROMPT, "", finishReason));
    }

    @Test
    void shouldFlagTruncationWhenTheCompletionEndsOnAConjunction() {
        String evidence = assertFlagged(rule, of(PROMPT,
                "Barcelona is known for its cuisine. It offers a wide range of flavors and"), TruncationRule.TRUNCATION);

        assertThat(evidence).isEqualTo("It offers a wide range of flavors and");
    }

    @Test
    void shouldFlagTruncationWhenTheCompletionEndsOnAnArticleOrPossessive() {
        assertFlagged(rule, of(PROMPT, "Quantum mechanics studies matter and energy on a"), TruncationRule.TRUNCATION);
        assertFlagged(rule, of(PROMPT, "They heard the villain: \"You'll pay for your"), TruncationRule.TRUNCATION);
    }

    @Test
    void shouldFlagTruncationWhenTheCompletionEndsOnAPrepositionAfterANoun() {
        assertFlagged(rule, of(PROMPT, "Our video will communicate the key points of"), TruncationRule.TRUNCATION);
    }

    @Test
    void shouldFlagTruncationWhenTheCompletionEndsWithAColonBeforeNothing() {
        String evidence = assertFlagged(rule, of("What are the lyrics to the third verse?",
                "The third verse of \"Never Gonna Give You Up\" goes like this:"), TruncationRule.TRUNCATION);

        assertThat(evidence).startsWith("The third verse").endsWith("like this:");
    }

    @Test
    void shouldFlagTruncationWhenTheCompletionEndsWithACommaOrAnOpenBracket() {
        assertFlagged(rule, of(PROMPT, "The old town has narrow streets, small squares,"), TruncationRule.TRUNCATION);
        assertFlagged(rule, of(PROMPT, "Visit the Sagrada Familia (designed by"), TruncationRule.TRUNCATION);
        assertFlagged(rule, of(PROMPT, "For segmentation you can use a U-"), TruncationRule.TRUNCATION);
    }

    @Test
    void shouldFlagTruncationWhenACodeBlockIsNeverClosed() {
        String evidence = assertFlagged(rule, of("How do I check my drive?",
                "Open the Command Prompt and type:\n```\nbootrec /R"), TruncationRule.TRUNCATION);

        assertThat(evidence).isEqualTo("```\nbootrec /R");
    }

    @Test
    void shouldFlagTruncationWhenTheLastSentenceOfAParagraphHasNoEnding() {
        String evidence = assertFlagged(rule, of("Explain Timsort.",
                "It sorts each group using a comparison function. The comparison function used for each group"),
                TruncationRule.TRUNCATION);

        assertThat(evidence).isEqualTo("The comparison function used for each group");
    }

    @Test
    void shouldFlagTruncationWhenTheLastListItemHasNoEndingUnlikeTheOthers() {
        String completion = """
                Here are some state names:
                1. Kansas: Named after the Kansa tribe, which lived in the region.
                2. Kentucky: Named after an Iroquoian word for meadow land.
                3. Louisiana: Named in honour of King Louis XIV of France by explorers
                """;

        assertThat(assertFlagged(rule, of(PROMPT, completion), TruncationRule.TRUNCATION)).startsWith("Louisiana");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Barcelona is a lively city.",
        "Barcelona is a lively city!",
        "Is Barcelona a lively city?",
        "Here is the code:\n```python\nprint(\"hello\")\n```",
        "Places to visit:\n- Sagrada Familia\n- Park Güell\n- La Rambla",
        "1. Spain\n2. Sweden\n3. Switzerland",
        "Enjoy your trip to Barcelona! 😊",
        "He said: \"Barcelona is the best city in the world\"",
        "Barcelona (the capital of Catalonia)",
        "| City | Country |\n|------|---------|\n| Barcelona | Spain |",
        "More at https://www.barcelona.cat/en",
        "I look forward to your reply.\n\nBest regards,\n\n[Your Name]\n[Your Position]",
        "Join the conversation! #Barcelona #Travel #Spain",
        "Positive",
        "Filing a claim and viewing status",
        "\"Sweet Memories in Every Scoop – Your Local Scoop of History\"",
        "The Guilt-Free Avocado: How to Enjoy This Nutrient-Rich Fruit Without Gaining Weight",
        "what we have anticipated\nwhat we have awaited\nwhat we have hoped for",
        "anticipated, predicted, projected, envisaged, awaited, looked forward to",
        "doors, latch, play, skirts, towers",
        "Person1: 9-11 am\nPerson2: 1-3 pm\nPerson3: 2-3:30 pm",
        "White desert of salt\n\nGujarat's Great Rann of Kutch\n\nA place like no other",
        "Why do moms always carry packets of tissues Because they have runny kids",
        "\"Believe you can and you're halfway there.\" - Theodore Roosevelt",
        "The formula is:\n\na_n = 9n - 4",
        "in·tər·prə·tā·shənz",
        "def product(a, b):\n    return a * b",
        "**The End**",
        "I met Dr. Smith at the conference in Barcelona",
        "Start with the following:\n```\n```\nNote that the backticks (``) mark code. I'm here to help 😊",
    })
    void shouldNotFlagTruncationWhenTheCompletionEndsPlausibly(String completion) {
        // Labels, titles and word lists answer requests for them; "Tell me about" wants more than a few words.
        assertNotFlagged(rule, of(LABEL_PROMPT, completion));
    }

    @Test
    void shouldNotFlagTruncationWhenAPoemStrandsAPreposition() {
        assertNotFlagged(rule, of("Write a song about a corgi.",
                "He's a loyal companion, always there for you\nChester the corgi, the best friend you could ask for"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The capital of", "Sure! Here are", "Photosynthesis is the pro", "Cert", "Hello! I'm"})
    void shouldFlagShortAnswerWhenItStopsMidWordOrMidSentenceWhateverTheFinishReason(String completion) {
        assertFlagged(rule, of("Explain how photosynthesis works and why plants need it.", completion, "stop"),
                TruncationRule.TRUNCATION);
    }

    @Test
    void shouldFlagShortAnswerWhenTheRequestAsksForAnEssay() {
        assertFlagged(rule, of("Write an essay about the causes of the First World War.", "It was complicated."),
                TruncationRule.TRUNCATION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Choose an appealing title for your post about avocados.|\"Avocado Love: How to Enjoy|opens a quotation",
        "Can you tell me how to format an url in rst?|RST (ReSt|opens a bracket",
        "Create a brief resume introduction for Mark, a software engineer.|Dear Hiring Manager,|ends with ','",
        "When was Canada colonized?|Canada'|apostrophe",
        "what is the name of chris tucker first movie|Chris Tuck|start of a word of the request",
        "When was Canada colonized?|The colon|start of a word of the request",
        "How does metabolism work?|Hello!|only an opening",
        "Write a code block in Markdown containing an example.|Certainly! Below|only an opening",
        "When was Canada colonized?|Canada was colonized|question's own words",
        "what is the name of chris tucker first movie|Chris Tucker's first movie|question's own words",
        "Write a snoopdogg rap explaining how to not commit a warcrime|Yo, what's good fam?|request that asks",
    })
    void shouldFlagShortAnswerWhenItIsCutShortOfAnAnswer(String prompt, String completion, String reason) {
        Interaction interaction = of(prompt, completion, "stop");

        assertFlagged(rule, interaction, TruncationRule.TRUNCATION);
        assertThat(rule.classify(interaction).getEvidence().get(0).getReason()).contains(reason);
    }

    @Test
    void shouldFlagShortAnswerWhenItsLastLineIsAListMarkerWithNoItem() {
        Interaction interaction = of("Make a list of the most popular podcasts.", "1. Serial\n2", "stop");

        assertFlagged(rule, interaction, TruncationRule.TRUNCATION);
        assertThat(rule.classify(interaction).getEvidence().get(0).getReason()).contains("list marker");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "When was Canada colonized?|In 1534, by France.",
        "Who painted the Mona Lisa?|Leonardo da Vinci",
        "Is Paris the capital of France?|Paris is the capital of France.",
        "Is exercise good for your heart?|Absolutely!",
        "Hello there, how are you?|Hello!",
        "Thanks a lot for the help!|You're welcome!",
        "Who is older, Tom or Anna?|Tom",
        "What is a happy face emoticon?|:-)",
        "Capitalize this greeting for me please: hi!|Hi!",
        "What do you call the possessive of students?|The students'",
    })
    void shouldNotFlagShortAnswerWhenItIsAFinishedAnswerToAShortQuestion(String prompt, String completion) {
        assertNotFlagged(rule, of(prompt, completion, "stop"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "What is the capital of France?|Paris.",
        "What is the capital of Australia?|Canberra",
        "Give the movie a title.|Echoes of Tomorrow",
        "Is the sentiment positive or negative? I loved it.|Positive",
        "Write \"Test\"|Test",
        "Which option is right? A. red B. blue|B. blue",
        "Decide if the given email belongs to the Promotions or Social category. Subject: an invitation|Social",
    })
    void shouldNotFlagShortAnswerWhenTheRequestAsksForAWordANameOrAChoice(String prompt, String completion) {
        assertNotFlagged(rule, of(prompt, completion, "stop"));
    }

    /** IFEval 3276: "YES" in capitals, as asked, answers a yes-or-no question in full. */
    @Test
    void shouldNotFlagABareYesOrNoWhenTheRequestIsAYesOrNoQuestion() {
        assertThat(rule.classify(of("Does the sentence \"He hurried through the rooms.\" make sense? Answer in all"
                + " capital letters.", "YES")).getFlagged()).isFalse();
        assertThat(rule.classify(of("Is the moon bigger than the Earth? Explain briefly.", "No")).getFlagged()).isFalse();
    }
}
