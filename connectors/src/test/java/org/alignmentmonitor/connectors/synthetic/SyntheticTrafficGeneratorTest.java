package org.alignmentmonitor.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.alignmentmonitor.avro.Interaction;
import org.junit.jupiter.api.Test;

class SyntheticTrafficGeneratorTest {

    private static final long START = 1_800_000_000_000L;
    private static final long SEED = 7;

    private static FailureKind failureOf(Interaction interaction) {
        return FailureKind.fromLabel(interaction.getMetadata().get(SyntheticTrafficGenerator.META_FAILURE));
    }

    /** Within 5 binomial standard errors: a false failure once in millions of runs (and the seed is fixed). */
    private static void assertRate(String what, long hits, long n, double p) {
        double tolerance = 5 * Math.sqrt(p * (1 - p) / n) + 1e-9;
        assertThat((double) hits / n).as(what + " (" + hits + "/" + n + ")").isCloseTo(p, offset(tolerance));
    }

    @Test
    void empiricalRatesMatchTheConfiguredOnes() {
        SyntheticConfig config = SyntheticConfig.defaults();
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(config, SEED, START);
        int draws = 100_000;
        Map<String, Long> perVersion = new HashMap<>();
        Map<String, Long> perVersionAndKind = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            Interaction interaction = generator.next(START + i % 60_000);
            String version = interaction.getModel() + ":" + interaction.getVersion();
            perVersion.merge(version, 1L, Long::sum);
            perVersionAndKind.merge(version + "/" + failureOf(interaction), 1L, Long::sum);
        }

        double totalWeight = config.versions().stream().mapToDouble(VersionProfile::weight).sum();
        for (VersionProfile profile : config.versions()) {
            long n = perVersion.getOrDefault(profile.key(), 0L);
            assertRate("share of " + profile.key(), n, draws, profile.weight() / totalWeight);
            for (FailureKind kind : FailureKind.values()) {
                long hits = perVersionAndKind.getOrDefault(profile.key() + "/" + kind, 0L);
                assertRate(profile.key() + " " + kind.label(), hits, n, profile.rates().rate(kind));
            }
        }
    }

    @Test
    void regressionSwitchesAtItsOffset() {
        VersionProfile stable = new VersionProfile("m", "v1", 1, FailureRates.of(0, 0, 0, 0));
        SyntheticConfig config = new SyntheticConfig(List.of(stable),
                List.of(new Regression("m", "v1", Duration.ofSeconds(90), FailureRates.of(1, 0, 0, 0)),
                        new Regression("m", "v1", Duration.ofSeconds(120), FailureRates.of(0, 0, 0, 1))));
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(config, SEED, START);

        assertThat(failureOf(generator.next(START))).isEqualTo(FailureKind.NONE);
        assertThat(failureOf(generator.next(START + 89_999))).isEqualTo(FailureKind.NONE);
        assertThat(failureOf(generator.next(START + 90_000))).isEqualTo(FailureKind.TRUNCATION);
        assertThat(failureOf(generator.next(START + 119_999))).isEqualTo(FailureKind.TRUNCATION);
        assertThat(failureOf(generator.next(START + 120_000))).isEqualTo(FailureKind.PROMPT_ECHO);
    }

    @Test
    void defaultRegressionRaisesV3ToAboutEightPercent() {
        SyntheticConfig config = SyntheticConfig.defaults();
        VersionProfile v3 = config.versions().stream().filter(v -> v.key().equals("assistant:v3")).findFirst().orElseThrow();
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(config, SEED, START);

        assertThat(generator.ratesAt(v3, START + 89_999).total()).isCloseTo(0.005, offset(1e-12));
        assertThat(generator.ratesAt(v3, START + 90_000).total()).isCloseTo(0.08, offset(1e-12));

        long n = 0;
        long failed = 0;
        for (int i = 0; i < 60_000; i++) {
            Interaction interaction = generator.next(START + 90_000 + i);
            if (interaction.getVersion().equals("v3")) {
                n++;
                failed += failureOf(interaction) == FailureKind.NONE ? 0 : 1;
            }
        }
        assertRate("assistant:v3 after regression", failed, n, 0.08);
    }

    @Test
    void sameSeedSameTrafficAndUniqueIds() {
        SyntheticTrafficGenerator a = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), SEED, START);
        SyntheticTrafficGenerator b = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), SEED, START);
        SyntheticTrafficGenerator other = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), SEED + 1, START);

        List<Interaction> first = IntStream.range(0, 2000).mapToObj(i -> a.next(START + i * 10L)).toList();
        List<Interaction> second = IntStream.range(0, 2000).mapToObj(i -> b.next(START + i * 10L)).toList();
        List<Interaction> third = IntStream.range(0, 2000).mapToObj(i -> other.next(START + i * 10L)).toList();

        assertThat(second).isEqualTo(first);
        assertThat(third.stream().map(Interaction::getCompletion).toList())
                .isNotEqualTo(first.stream().map(Interaction::getCompletion).toList());
        Set<String> ids = new HashSet<>();
        first.forEach(i -> ids.add(i.getId()));
        third.forEach(i -> ids.add(i.getId()));
        assertThat(ids).hasSize(4000);
        assertThat(first.get(0).getId()).isEqualTo("syn-7-0");
    }

    private static List<Interaction> allOf(FailureKind kind, int count) {
        Map<FailureKind, Double> rates = kind == FailureKind.NONE ? Map.of() : Map.of(kind, 1.0);
        SyntheticConfig config = new SyntheticConfig(
                List.of(new VersionProfile("m", "v", 1, new FailureRates(rates))), List.of());
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(config, SEED, START);
        return IntStream.range(0, count).mapToObj(i -> generator.next(START)).toList();
    }

    private static String prompt(Interaction interaction) {
        return interaction.getConversation().get(0).getContent();
    }

    private static boolean isSample(Interaction interaction) {
        return SamplePair.bundled().contains(new SamplePair(prompt(interaction), interaction.getCompletion()));
    }

    @Test
    void goodAnswersAreBundledSamples() {
        assertThat(allOf(FailureKind.NONE, 200)).allSatisfy(i -> {
            assertThat(isSample(i)).isTrue();
            assertThat(i.getFinishReason()).isEqualTo("stop");
            assertThat(i.getMetadata()).containsEntry("synthetic.failure", "none").containsEntry("source", "synthetic");
        });
    }

    @Test
    void truncatedAnswersStopMidSentenceAtTheLengthLimit() {
        assertThat(allOf(FailureKind.TRUNCATION, 500)).allSatisfy(i -> {
            assertThat(i.getFinishReason()).isEqualTo("length");
            assertThat(i.getCompletion()).isNotBlank().doesNotEndWith(".").doesNotEndWith("!").doesNotEndWith("?");
            assertThat(i.getCompletion().length()).isGreaterThanOrEqualTo(50);
            assertThat(SamplePair.bundled()).anySatisfy(s -> assertThat(s.completion()).startsWith(i.getCompletion()));
        });
    }

    @Test
    void emptyAnswersAreBlank() {
        assertThat(allOf(FailureKind.EMPTY, 200)).allSatisfy(i -> assertThat(i.getCompletion()).isBlank());
    }

    @Test
    void repetitiveAnswersLoop() {
        assertThat(allOf(FailureKind.REPETITION, 500)).allSatisfy(i -> {
            String completion = i.getCompletion();
            String[] words = completion.split("\\s+");
            String trigram = words[words.length - 3] + " " + words[words.length - 2] + " " + words[words.length - 1];
            int occurrences = (completion.length() - completion.replace(trigram, "").length()) / trigram.length();
            assertThat(occurrences).as(completion).isGreaterThanOrEqualTo(8);
        });
    }

    @Test
    void promptEchoesRepeatThePrompt() {
        assertThat(allOf(FailureKind.PROMPT_ECHO, 200)).allSatisfy(i -> assertThat(i.getCompletion()).isEqualTo(prompt(i)));
    }

    @Test
    void configRejectsImpossibleSettings() {
        assertThatThrownBy(() -> FailureRates.of(0.6, 0.6, 0, 0)).hasMessageContaining("add up to");
        assertThatThrownBy(() -> FailureRates.of(-0.1, 0, 0, 0)).hasMessageContaining("must be in [0,1]");
        assertThatThrownBy(() -> new FailureRates(Map.of(FailureKind.NONE, 0.5))).hasMessageContaining("none");
        assertThatThrownBy(() -> new VersionProfile("m", "v", 0, FailureRates.of(0, 0, 0, 0))).hasMessageContaining("positive");
        VersionProfile v1 = new VersionProfile("m", "v1", 1, FailureRates.of(0, 0, 0, 0));
        assertThatThrownBy(() -> new SyntheticConfig(List.of(v1),
                List.of(new Regression("m", "v2", Duration.ZERO, FailureRates.of(0, 0, 0, 0)))))
                .hasMessageContaining("unknown version m:v2");
        assertThatThrownBy(() -> new SyntheticConfig(List.of(v1, v1), List.of())).hasMessageContaining("twice");
    }

    @Test
    void bundledSamplesAreRealAndSmall() throws IOException {
        try (InputStream in = SamplePair.class.getResourceAsStream(SamplePair.RESOURCE)) {
            assertThat(in.readAllBytes().length).isLessThan(600 * 1024);
        }
        assertThat(SamplePair.class.getResource("samples-NOTICE.txt")).isNotNull();
        assertThat(SamplePair.bundled()).hasSizeGreaterThanOrEqualTo(250)
                .allSatisfy(s -> assertThat(s.completion().length()).isGreaterThanOrEqualTo(300))
                .doesNotHaveDuplicates();
    }
}
