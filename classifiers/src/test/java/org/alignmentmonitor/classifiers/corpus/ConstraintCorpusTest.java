package org.alignmentmonitor.classifiers.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.Interactions;
import org.alignmentmonitor.classifiers.rules.Constraint;
import org.alignmentmonitor.classifiers.rules.Constraint.Kind;
import org.alignmentmonitor.classifiers.rules.ConstraintChecker;
import org.alignmentmonitor.classifiers.rules.ConstraintParser;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.ConstraintViolation;
import org.junit.jupiter.api.Test;

/**
 * {@link ConstraintRule} against IFEval's per-instruction ground truth for text-bison's answers
 * ({@code testdata/ifeval/text-bison.truth.jsonl.gz}): per constraint kind, the precision
 * and recall of "violated" verdicts, counted per parsed constraint before the many-constraints cap,
 * then the rule's flags per interaction (after the cap) against "any checked instruction broken".
 * Truth for PARAGRAPHS also comes from nth_paragraph_first_word (it checks the paragraph count too),
 * and for START_PHRASE from nth_paragraph_first_word with nth_paragraph = 1.
 */
class ConstraintCorpusTest {

    private static final Map<Kind, String> IFEVAL_IDS = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.NO_COMMA, "punctuation:no_comma"),
            Map.entry(Kind.LOWERCASE, "change_case:english_lowercase"),
            Map.entry(Kind.UPPERCASE, "change_case:english_capital"),
            Map.entry(Kind.QUOTATION, "startend:quotation"),
            Map.entry(Kind.END_PHRASE, "startend:end_checker"),
            Map.entry(Kind.START_PHRASE, "length_constraints:nth_paragraph_first_word"),
            Map.entry(Kind.WORDS, "length_constraints:number_words"),
            Map.entry(Kind.SENTENCES, "length_constraints:number_sentences"),
            Map.entry(Kind.PARAGRAPHS, "length_constraints:number_paragraphs"),
            Map.entry(Kind.BULLETS, "detectable_format:number_bullet_lists"),
            Map.entry(Kind.PLACEHOLDERS, "detectable_content:number_placeholders"),
            Map.entry(Kind.TITLE, "detectable_format:title"),
            Map.entry(Kind.POSTSCRIPT, "detectable_content:postscript"),
            Map.entry(Kind.HIGHLIGHTS, "detectable_format:number_highlighted_sections"),
            Map.entry(Kind.JSON, "detectable_format:json_format"),
            Map.entry(Kind.LETTER_FREQUENCY, "keywords:letter_frequency"),
            Map.entry(Kind.WORD_FREQUENCY, "keywords:frequency"),
            Map.entry(Kind.TWO_RESPONSES, "combination:two_responses"),
            Map.entry(Kind.KEYWORDS_INCLUDED, "keywords:existence"),
            Map.entry(Kind.KEYWORDS_FORBIDDEN, "keywords:forbidden_words"),
            Map.entry(Kind.SECTIONS, "detectable_format:multiple_sections"),
            Map.entry(Kind.CAPITAL_WORDS, "change_case:capital_word_frequency"),
            Map.entry(Kind.REPEAT_PROMPT, "combination:repeat_prompt"),
            Map.entry(Kind.ANSWER_OPTIONS, "detectable_format:constrained_response")));

    private static final String NTH_PARAGRAPH = "length_constraints:nth_paragraph_first_word";

    /** Counts per kind: instructions in the truth, parsed (matching / not in truth), flags, true flags, violations. */
    private static final class Tally {
        int truthInstructions;
        int parsed;
        int parsedNotInTruth;
        int flags;
        int trueFlags;
        int violations;
    }

    @Test
    void shouldFlagViolatedIfevalConstraintsWithPrecisionAtLeastNinetyPercent() throws IOException {
        Path truthFile = TrafficLog.ifeval("text-bison.truth.jsonl");
        ObjectMapper json = new ObjectMapper();
        Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            tallies.put(kind, new Tally());
        }
        StringBuilder falseFlags = new StringBuilder();
        ConstraintRule rule = new ConstraintRule(ClassifierSettings.DEFAULT_THRESHOLD);
        int interactions = 0;
        int interactionViolations = 0;
        int interactionFlags = 0;
        int interactionTrueFlags = 0;
        int capped = 0;
        for (String line : TrafficLog.lines(truthFile)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String prompt = row.path("prompt").asText();
            String response = row.path("response").asText();
            Map<String, Boolean> followed = new HashMap<>();
            for (JsonNode instruction : row.path("instructions")) {
                JsonNode value = instruction.path("followed");
                String id = instruction.path("id").asText();
                if (id.equals(NTH_PARAGRAPH) && instruction.path("kwargs").path("nth_paragraph").asInt() != 1) {
                    id = NTH_PARAGRAPH + ">1"; // only "the first paragraph starts with X" is a start-of-response check
                }
                followed.put(id, value.isNull() ? null : value.asBoolean());
            }
            for (Kind kind : Kind.values()) {
                Tally tally = tallies.get(kind);
                String id = IFEVAL_IDS.get(kind);
                if (followed.containsKey(id)) {
                    tally.truthInstructions++;
                    tally.violations += Boolean.FALSE.equals(followed.get(id)) ? 1 : 0;
                } else if (kind == Kind.PARAGRAPHS && (followed.containsKey(NTH_PARAGRAPH)
                        || followed.containsKey(NTH_PARAGRAPH + ">1"))) {
                    // nth_paragraph_first_word also checks the number of blank-line paragraphs
                    followed.put(id, followed.containsKey(NTH_PARAGRAPH) ? followed.get(NTH_PARAGRAPH)
                            : followed.get(NTH_PARAGRAPH + ">1"));
                    tally.truthInstructions++;
                    tally.violations += Boolean.FALSE.equals(followed.get(id)) ? 1 : 0;
                }
            }
            List<Constraint> constraints = ConstraintParser.parse(prompt);
            ClassifierResult result = rule.classify(
                    Interactions.of(prompt, response));
            boolean anyViolation = row.path("all_checked_followed").isBoolean() && !row.path("all_checked_followed").asBoolean();
            interactions++;
            interactionViolations += anyViolation ? 1 : 0;
            if (result.getFlagged()) {
                interactionFlags++;
                interactionTrueFlags += anyViolation ? 1 : 0;
            } else if (!result.getEvidence().isEmpty()) {
                capped++;
            }
            for (Constraint constraint : constraints) {
                Tally tally = tallies.get(constraint.kind());
                String id = IFEVAL_IDS.get(constraint.kind());
                tally.parsed++;
                tally.parsedNotInTruth += followed.containsKey(id) ? 0 : 1;
                ConstraintViolation violation = ConstraintChecker.check(constraint, response);
                if (violation != null) {
                    tally.flags++;
                    if (Boolean.FALSE.equals(followed.get(id))) {
                        tally.trueFlags++;
                    } else {
                        falseFlags.append(String.format("   false flag %s key %s: %s | prompt: %s%n", constraint.kind(),
                                row.path("key").asText(), violation.reason(), snippet(prompt, constraint)));
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format(
                "%n== ConstraintRule on IFEval text-bison (truth per instruction)%n"
                        + "   %-13s %6s %7s %9s %6s %6s %5s %9s %7s%n",
                "kind", "truth", "parsed", "spurious", "viol.", "flags", "TP", "precision", "recall"));
        int flags = 0;
        int trueFlags = 0;
        int violations = 0;
        for (Map.Entry<Kind, Tally> entry : tallies.entrySet()) {
            Tally t = entry.getValue();
            flags += t.flags;
            trueFlags += t.trueFlags;
            violations += t.violations;
            table.append(String.format("   %-13s %6d %7d %9d %6d %6d %5d %9s %7s%n", entry.getKey(), t.truthInstructions,
                    t.parsed, t.parsedNotInTruth, t.violations, t.flags, t.trueFlags, ratio(t.trueFlags, t.flags),
                    ratio(t.trueFlags, t.violations)));
        }
        table.append(String.format("   %-13s %6s %7s %9s %6d %6d %5d %9s %7s%n", "all", "", "", "", violations, flags,
                trueFlags, ratio(trueFlags, flags), ratio(trueFlags, violations)));
        table.append(String.format("   interactions: %d, with a checked violation %d; flagged by the rule %d (%d of them with a"
                        + " violation: precision %s, recall %s); violations found but not flagged (4+ constraints) %d%n",
                interactions, interactionViolations, interactionFlags, interactionTrueFlags,
                ratio(interactionTrueFlags, interactionFlags), ratio(interactionTrueFlags, interactionViolations), capped));
        System.out.print(table);
        System.out.print(falseFlags);

        assertThat(flags).isPositive();
        assertThat(trueFlags / (double) flags).as("precision over all kinds").isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Per covered IFEval instruction type: least coverage, least recall on broken instructions (NaN:
     * too few broken to bound) and most flag rate on kept ones, each just outside the figures
     * measured at rule.constraints 1.3.0 so that a regression fails.
     */
    private record Floor(double coverage, double recall, double keptFlags) {}

    private static final Map<String, Floor> FLOORS = Map.ofEntries(
            Map.entry("change_case:capital_word_frequency", new Floor(0.85, 0.70, 0.03)),
            Map.entry("change_case:english_capital", new Floor(0.88, 0.85, 0.03)),
            Map.entry("combination:repeat_prompt", new Floor(0.95, 0.95, 0.03)),
            Map.entry("detectable_format:constrained_response", new Floor(0.95, Double.NaN, 0.03)),
            Map.entry("detectable_format:multiple_sections", new Floor(0.80, Double.NaN, 0.03)),
            Map.entry("keywords:existence", new Floor(0.95, 0.95, 0.03)),
            Map.entry("keywords:forbidden_words", new Floor(0.85, Double.NaN, 0.06)),
            Map.entry("change_case:english_lowercase", new Floor(0.78, 0.95, 0.03)),
            Map.entry("combination:two_responses", new Floor(0.96, 0.95, 0.03)),
            Map.entry("detectable_content:number_placeholders", new Floor(0.95, 0.95, 0.03)),
            Map.entry("detectable_content:postscript", new Floor(0.93, Double.NaN, 0.03)),
            Map.entry("detectable_format:json_format", new Floor(0.84, Double.NaN, 0.03)),
            Map.entry("detectable_format:number_bullet_lists", new Floor(0.88, 0.88, 0.03)),
            Map.entry("detectable_format:number_highlighted_sections", new Floor(0.92, 0.95, 0.03)),
            Map.entry("detectable_format:title", new Floor(0.95, Double.NaN, 0.03)),
            Map.entry("keywords:frequency", new Floor(0.65, 0.80, 0.06)),
            Map.entry("keywords:letter_frequency", new Floor(0.96, 0.88, 0.03)),
            Map.entry("length_constraints:nth_paragraph_first_word", new Floor(0.88, 0.80, 0.03)),
            Map.entry("length_constraints:number_paragraphs", new Floor(0.92, 0.95, 0.03)),
            Map.entry("length_constraints:number_sentences", new Floor(0.93, 0.55, 0.03)),
            Map.entry("length_constraints:number_words", new Floor(0.83, 0.80, 0.03)),
            Map.entry("punctuation:no_comma", new Floor(0.97, 0.97, 0.03)),
            Map.entry("startend:end_checker", new Floor(0.84, 0.85, 0.03)),
            Map.entry("startend:quotation", new Floor(0.94, 0.90, 0.03)));

    /** Per IFEval instruction id: instructions, parsed, broken, broken and flagged, kept, kept but flagged. */
    private static final class TypeTally {
        int instructions;
        int parsed;
        int broken;
        int brokenFlagged;
        int kept;
        int keptFlagged;
    }

    /**
     * The targets of issue 10 on text-bison's answers (every IFEval prompt has at most 3
     * instructions): among prompts where an instruction of a covered type was broken, the rule flags
     * at least 85%; among prompts whose instructions were all kept, at most 5%. Per instruction type:
     * coverage (a constraint of the type parsed), recall on broken and flag rate on kept instructions,
     * with floors just below the measured figures so that a regression fails.
     */
    @Test
    void shouldFlagPromptsWithABrokenCoveredConstraintAndSpareKeptOnes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ConstraintRule rule = new ConstraintRule(ClassifierSettings.DEFAULT_THRESHOLD);
        Map<String, TypeTally> types = new java.util.TreeMap<>();
        int broken = 0;
        int brokenFlagged = 0;
        int kept = 0;
        int keptFlagged = 0;
        StringBuilder misses = new StringBuilder();
        for (String line : TrafficLog.lines(TrafficLog.ifeval("text-bison.truth.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String prompt = row.path("prompt").asText();
            String response = row.path("response").asText();
            List<Constraint> constraints = ConstraintParser.parse(prompt);
            boolean flagged = rule.classify(Interactions.of(prompt, response)).getFlagged();
            boolean coveredBroken = false;
            boolean allKept = true;
            for (JsonNode instruction : row.path("instructions")) {
                String id = instruction.path("id").asText();
                boolean followed = instruction.path("followed").asBoolean(true);
                allKept &= followed;
                TypeTally tally = types.computeIfAbsent(id, k -> new TypeTally());
                tally.instructions++;
                List<Kind> kinds = kindsOf(id);
                List<Constraint> parsed = constraints.stream().filter(c -> kinds.contains(c.kind())).toList();
                boolean violated = parsed.stream().anyMatch(c -> ConstraintChecker.check(c, response) != null);
                tally.parsed += parsed.isEmpty() ? 0 : 1;
                if (followed) {
                    tally.kept++;
                    tally.keptFlagged += violated ? 1 : 0;
                } else {
                    tally.broken++;
                    tally.brokenFlagged += violated ? 1 : 0;
                    coveredBroken |= !kinds.isEmpty();
                    if (!kinds.isEmpty() && !flagged) {
                        misses.append(String.format("   missed %s key %s%n", id, row.path("key").asText()));
                    }
                }
            }
            if (coveredBroken) {
                broken++;
                brokenFlagged += flagged ? 1 : 0;
            } else if (allKept) {
                kept++;
                keptFlagged += flagged ? 1 : 0;
            }
        }
        StringBuilder table = new StringBuilder(String.format("%n== ConstraintRule per IFEval instruction type, text-bison%n"
                + "   %-46s %5s %8s %6s %9s %5s %11s%n", "type", "n", "coverage", "broken", "recall", "kept", "flag rate"));
        for (Map.Entry<String, TypeTally> entry : types.entrySet()) {
            TypeTally t = entry.getValue();
            table.append(String.format("   %-46s %5d %8s %6d %9s %5d %11s%n", entry.getKey(), t.instructions,
                    ratio(t.parsed, t.instructions), t.broken, ratio(t.brokenFlagged, t.broken), t.kept,
                    ratio(t.keptFlagged, t.kept)));
        }
        table.append(String.format("   prompts with a broken covered constraint: %d, flagged %d (%s)%n"
                + "   prompts with every instruction kept: %d, flagged %d (%s)%n",
                broken, brokenFlagged, ratio(brokenFlagged, broken), kept, keptFlagged, ratio(keptFlagged, kept)));
        System.out.print(table);
        System.out.print(misses);

        assertThat(brokenFlagged / (double) broken).as("flagged among prompts with a broken covered constraint")
                .isGreaterThanOrEqualTo(0.88);
        assertThat(keptFlagged / (double) kept).as("flagged among prompts with every instruction kept")
                .isLessThanOrEqualTo(0.05);
        for (Map.Entry<String, Floor> entry : FLOORS.entrySet()) {
            TypeTally t = types.get(entry.getKey());
            Floor floor = entry.getValue();
            assertThat(t.parsed / (double) t.instructions).as("coverage of %s", entry.getKey())
                    .isGreaterThanOrEqualTo(floor.coverage());
            if (!Double.isNaN(floor.recall())) {
                assertThat(t.brokenFlagged / (double) t.broken).as("recall on broken %s", entry.getKey())
                        .isGreaterThanOrEqualTo(floor.recall());
            }
            assertThat((double) t.keptFlagged).as("flags on kept %s", entry.getKey())
                    .isLessThanOrEqualTo(floor.keptFlags() * t.kept);
        }
    }

    /** The kinds that check an IFEval instruction type; empty for a type the rule does not cover. */
    private static List<Kind> kindsOf(String ifevalId) {
        if (ifevalId.equals(NTH_PARAGRAPH)) {
            return List.of(Kind.PARAGRAPHS, Kind.START_PHRASE);
        }
        return IFEVAL_IDS.entrySet().stream().filter(e -> e.getValue().equals(ifevalId) && e.getKey() != Kind.START_PHRASE)
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The parser on the current IFEval prompt set (v1, no answers): a parsed constraint whose kind is
     * not in the prompt's instruction list is a spurious parse. The few left are real constraints the
     * list omits ("Use only lowercase letters." in a prompt listed for a title only).
     */
    @Test
    void shouldParseConstraintsOfIfevalV1PromptsWhereTheInstructionListHasThem() throws IOException {
        Path prompts = TrafficLog.ifeval("input_data.jsonl");
        ObjectMapper json = new ObjectMapper();
        Map<Kind, int[]> counts = new EnumMap<>(Kind.class); // listed, parsed and listed, spurious
        StringBuilder spurious = new StringBuilder();
        for (String line : TrafficLog.lines(prompts)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String prompt = row.path("prompt").asText();
            java.util.Set<String> listed = new java.util.HashSet<>();
            row.path("instruction_id_list").forEach(id -> listed.add(id.asText()));
            for (Kind kind : Kind.values()) {
                if (listed.contains(IFEVAL_IDS.get(kind))) {
                    counts.computeIfAbsent(kind, k -> new int[3])[0]++;
                }
            }
            for (Constraint constraint : ConstraintParser.parse(prompt)) {
                int[] count = counts.computeIfAbsent(constraint.kind(), k -> new int[3]);
                boolean isListed = listed.contains(IFEVAL_IDS.get(constraint.kind()))
                        || constraint.kind() == Kind.PARAGRAPHS && listed.contains(NTH_PARAGRAPH);
                if (isListed) {
                    count[1]++;
                } else {
                    count[2]++;
                    spurious.append(String.format("   not listed: %s key %s: \"%s\"%n", constraint.kind(),
                            row.path("key").asText(), snippet(prompt, constraint)));
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format("%n== ConstraintRule parser on IFEval v1 prompts%n"
                + "   %-13s %6s %7s %9s%n", "kind", "listed", "parsed", "unlisted"));
        int parsed = 0;
        int unlisted = 0;
        for (Map.Entry<Kind, int[]> entry : counts.entrySet()) {
            int[] c = entry.getValue();
            parsed += c[1] + c[2];
            unlisted += c[2];
            table.append(String.format("   %-13s %6d %7d %9d%n", entry.getKey(), c[0], c[1], c[2]));
        }
        System.out.print(table);
        System.out.print(spurious);

        assertThat(unlisted / (double) parsed).as("share of parses not in the instruction list").isLessThanOrEqualTo(0.05);
    }

    private static String ratio(int numerator, int denominator) {
        return denominator == 0 ? "-" : String.format("%.2f", numerator / (double) denominator);
    }

    private static String snippet(String prompt, Constraint constraint) {
        return prompt.substring(constraint.start(), constraint.end()).replace("\n", "\\n");
    }
}
