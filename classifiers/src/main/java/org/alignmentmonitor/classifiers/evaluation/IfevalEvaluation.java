package org.alignmentmonitor.classifiers.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.rules.Constraint;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.RequestedLanguage;
import org.alignmentmonitor.classifiers.rules.ConstraintParser;

/**
 * The suite on IFEval answers of text-bison with IFEval's own verdict per instruction
 * ({@code text-bison.truth.jsonl.gz}). Only prompts with at most three instructions count: the rules
 * deliberately leave prompts with many constraints alone (failing one of many is not obvious).
 */
public final class IfevalEvaluation {

    /** More instructions than this and a broken one is beyond what a reviewer calls obvious. */
    public static final int MAX_INSTRUCTIONS = 3;

    /** Checked by the language rule, not the constraint rule. */
    private static final String LANGUAGE = "language:response_language";
    /** The IFEval instruction each constraint kind of the rule checks; the others are not covered. */
    private static final Map<String, Set<Kind>> KINDS = Map.ofEntries(
            Map.entry("punctuation:no_comma", Set.of(Kind.NO_COMMA)),
            Map.entry("change_case:english_lowercase", Set.of(Kind.LOWERCASE)),
            Map.entry("change_case:english_capital", Set.of(Kind.UPPERCASE)),
            Map.entry("startend:quotation", Set.of(Kind.QUOTATION)),
            Map.entry("startend:end_checker", Set.of(Kind.END_PHRASE)),
            Map.entry("length_constraints:nth_paragraph_first_word", Set.of(Kind.START_PHRASE, Kind.PARAGRAPHS)),
            Map.entry("length_constraints:number_words", Set.of(Kind.WORDS)),
            Map.entry("length_constraints:number_sentences", Set.of(Kind.SENTENCES)),
            Map.entry("length_constraints:number_paragraphs", Set.of(Kind.PARAGRAPHS)),
            Map.entry("detectable_format:number_bullet_lists", Set.of(Kind.BULLETS)),
            Map.entry("detectable_content:number_placeholders", Set.of(Kind.PLACEHOLDERS)),
            Map.entry("detectable_format:title", Set.of(Kind.TITLE)),
            Map.entry("detectable_content:postscript", Set.of(Kind.POSTSCRIPT)),
            Map.entry("detectable_format:number_highlighted_sections", Set.of(Kind.HIGHLIGHTS)),
            Map.entry("detectable_format:json_format", Set.of(Kind.JSON)),
            Map.entry("keywords:letter_frequency", Set.of(Kind.LETTER_FREQUENCY)),
            Map.entry("keywords:frequency", Set.of(Kind.WORD_FREQUENCY)),
            Map.entry("combination:two_responses", Set.of(Kind.TWO_RESPONSES)),
            Map.entry("keywords:existence", Set.of(Kind.KEYWORDS_INCLUDED)),
            Map.entry("keywords:forbidden_words", Set.of(Kind.KEYWORDS_FORBIDDEN)),
            Map.entry("detectable_format:multiple_sections", Set.of(Kind.SECTIONS)),
            Map.entry("change_case:capital_word_frequency", Set.of(Kind.CAPITAL_WORDS)),
            Map.entry("combination:repeat_prompt", Set.of(Kind.REPEAT_PROMPT)),
            Map.entry("detectable_format:constrained_response", Set.of(Kind.ANSWER_OPTIONS)));

    /**
     * @param instructions instructions of this type in prompts with at most {@link #MAX_INSTRUCTIONS}
     * @param coverage     of those, the ones the constraint parser recognises in the prompt
     * @param recall       of those IFEval marks broken, the ones whose answer the suite flags
     */
    public record TypeFigures(String type, int instructions, Proportion coverage, Proportion recall) {}

    /**
     * @param coveredBroken flagged share of the answers that break an instruction the parser recognises
     * @param allKept       flagged share of the answers that keep every instruction IFEval checked
     */
    public record Figures(int prompts, Proportion coveredBroken, Proportion allKept, List<TypeFigures> types) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassifierSuite suite;

    public IfevalEvaluation(ClassifierSuite suite) {
        this.suite = suite;
    }

    public Figures score(Path truthFile) {
        int prompts = 0;
        Proportion coveredBroken = Proportion.EMPTY;
        Proportion allKept = Proportion.EMPTY;
        Map<String, Proportion[]> types = new TreeMap<>(); // {coverage, recall}
        try (BufferedReader reader = TrafficLogs.open(truthFile)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                JsonNode instructions = row.path("instructions");
                if (instructions.size() > MAX_INSTRUCTIONS) {
                    continue;
                }
                prompts++;
                String prompt = row.path("prompt").asText();
                Set<Kind> parsed = ConstraintParser.parse(prompt).stream().map(Constraint::kind).collect(Collectors.toSet());
                boolean flagged = suite.judge(interaction(row.path("key").asText(), prompt,
                        row.path("response").asText()), 0L).getFlagged();
                boolean anyCoveredBroken = false;
                boolean allFollowed = true;
                for (JsonNode instruction : instructions) {
                    String type = instruction.path("id").asText();
                    boolean covered = LANGUAGE.equals(type) ? RequestedLanguage.isRequested(prompt)
                            : KINDS.getOrDefault(type, Set.of()).stream().anyMatch(parsed::contains);
                    boolean broken = instruction.path("followed").isBoolean() && !instruction.path("followed").asBoolean();
                    allFollowed &= instruction.path("followed").asBoolean(false);
                    anyCoveredBroken |= covered && broken;
                    Proportion[] figures = types.computeIfAbsent(type, t -> new Proportion[] {Proportion.EMPTY, Proportion.EMPTY});
                    figures[0] = figures[0].add(covered);
                    if (broken) {
                        figures[1] = figures[1].add(flagged);
                    }
                }
                if (anyCoveredBroken) {
                    coveredBroken = coveredBroken.add(flagged);
                } else if (allFollowed) {
                    allKept = allKept.add(flagged);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TypeFigures> typeFigures = types.entrySet().stream()
                .map(e -> new TypeFigures(e.getKey(), e.getValue()[0].total(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new Figures(prompts, coveredBroken, allKept, typeFigures);
    }

    private static Interaction interaction(String key, String prompt, String response) {
        return Interaction.newBuilder()
                .setId("ifeval-" + key)
                .setEventTime(Instant.EPOCH)
                .setModel("text-bison")
                .setVersion("ifeval")
                .setConversation(List.of(new Message("user", prompt)))
                .setCompletion(response)
                .setFinishReason("stop")
                .setMetadata(Map.of())
                .build();
    }
}
