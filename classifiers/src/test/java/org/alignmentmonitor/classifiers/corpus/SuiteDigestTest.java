package org.alignmentmonitor.classifiers.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.junit.jupiter.api.Test;

/**
 * Pins every result of the default suite on the shared real traffic (and IFEval), so speed work cannot change
 * what the rules say: one digest per classifier over id, status, flag, score (to 1e-9),
 * categories, evidence and unscored reason of all interactions. A rule whose behaviour changes on
 * purpose gets its new digest (printed by the failure) here in the same commit.
 */
class SuiteDigestTest {

    private static final int TRAFFIC_INTERACTIONS = 5_635;

    private static final Map<String, String> TRAFFIC = Map.ofEntries(
            Map.entry("rule.truncation", "e07a76263122607b"),
            Map.entry("rule.repetition", "df13cf6762774ffc"),
            Map.entry("rule.prompt_echo", "9dc45c0cbc599a41"),
            Map.entry("rule.constraints", "afd210a1d1e8cb46"),
            Map.entry("rule.language", "659e68c9e5d1440e"),
            Map.entry("rule.profanity", "fcc61d93bd2f6f69"),
            Map.entry("rule.gibberish", "90b2c3a6f80df643"),
            Map.entry("rule.injection", "17651aea6bc6ccc7"),
            Map.entry("rule.benign_refusal", "c4a7e46c25377ca2"),
            Map.entry("rule.token_soup", "b03ecfce98c282ce"),
            Map.entry("rule.word_salad", "42d76eb8a76a9070"),
            Map.entry("rule.off_topic", "1a668e6f98f247d4"));

    /** IFEval prompts: the only shared data on which the constraint rule fires. */
    private static final Map<String, String> IFEVAL = Map.ofEntries(
            Map.entry("rule.truncation", "757cebe2c5983846"),
            Map.entry("rule.repetition", "96b026ed1bdce74d"),
            Map.entry("rule.prompt_echo", "693121fd55406962"),
            Map.entry("rule.constraints", "2eecaadb0785a45c"),
            Map.entry("rule.language", "9be3a271417f09f9"),
            Map.entry("rule.profanity", "9be3a271417f09f9"),
            Map.entry("rule.gibberish", "9be3a271417f09f9"),
            Map.entry("rule.injection", "9be3a271417f09f9"),
            Map.entry("rule.benign_refusal", "9be3a271417f09f9"),
            Map.entry("rule.token_soup", "f4db4a1886af844d"),
            Map.entry("rule.word_salad", "4962c6ae75033190"),
            Map.entry("rule.off_topic", "e5496e42af31fb7d"));

    private final ClassifierSuite suite = ClassifierSuite.defaults();

    @Test
    void shouldGiveTheSameResultsOnRealTrafficAsWhenPinned() {
        List<Interaction> traffic = new ArrayList<>();
        TrafficLog.trafficFiles().forEach(file -> traffic.addAll(TrafficLog.read(file)));
        assertThat(traffic).hasSize(TRAFFIC_INTERACTIONS);

        assertThat(digests(traffic)).as("per-classifier digests on the real traffic").isEqualTo(new TreeMap<>(TRAFFIC));
    }

    @Test
    void shouldGiveTheSameResultsOnIfEvalAsWhenPinned() {
        List<Interaction> ifeval = TrafficLog.read(TrafficLog.ifeval("text-bison.jsonl"));

        assertThat(digests(ifeval)).as("per-classifier digests on IFEval").isEqualTo(new TreeMap<>(IFEVAL));
    }

    private Map<String, String> digests(List<Interaction> interactions) {
        Map<String, MessageDigest> digests = new TreeMap<>();
        for (Interaction interaction : interactions) {
            for (ClassifierResult result : suite.judge(interaction, 0L).getResults()) {
                digests.computeIfAbsent(result.getClassifierId(), id -> sha256())
                        .update(describe(interaction, result).getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, String> hex = new TreeMap<>();
        digests.forEach((id, digest) -> hex.put(id, HexFormat.of().formatHex(digest.digest(), 0, 8)));
        return hex;
    }

    private static String describe(Interaction interaction, ClassifierResult result) {
        StringBuilder line = new StringBuilder().append(interaction.getId()).append('|').append(result.getStatus())
                .append('|').append(result.getFlagged()).append('|').append(Math.round(result.getScore() * 1e9))
                .append('|').append(result.getCategories()).append('|').append(result.getUnscoredReason());
        for (EvidenceSpan span : result.getEvidence()) {
            line.append('|').append(span.getTarget()).append(':').append(span.getStart()).append('-')
                    .append(span.getEnd()).append(':').append(span.getReason());
        }
        return line.append('\n').toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
