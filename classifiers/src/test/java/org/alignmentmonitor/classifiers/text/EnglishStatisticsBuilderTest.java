package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped statistics are exactly what {@link EnglishStatisticsBuilder} makes from the shared
 * strong-model traffic shipped in {@code testdata/traffic}: the resources cannot drift
 * from their recipe, and regenerating them is deterministic.
 */
class EnglishStatisticsBuilderTest {

    @Test
    void shouldRebuildTheShippedResourcesByteForByteWhenGivenTheShippedTraffic() throws IOException {
        Path traffic = Path.of(System.getProperty("testdata.dir", "../testdata"), "traffic");

        Map<String, byte[]> built = EnglishStatisticsBuilder.build(traffic);

        assertThat(built.keySet()).containsExactlyInAnyOrder(Lexicon.RESOURCE, FluencyModel.RESOURCE,
                DocumentFrequencies.RESOURCE);
        for (Map.Entry<String, byte[]> file : built.entrySet()) {
            try (InputStream shipped = EnglishStatisticsBuilderTest.class.getResourceAsStream(file.getKey())) {
                assertThat(shipped).as(file.getKey()).isNotNull();
                assertThat(shipped.readAllBytes()).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
    }

    @Test
    void shouldLoadTheShippedStatisticsWhenFirstUsed() {
        assertThat(Lexicon.english().contains("photosynthesis", 0, 14)).isTrue();
        assertThat(Lexicon.english().isPrefixOfLongerWord("photosynth", 0, 10)).isTrue();
        assertThat(DocumentFrequencies.english().idf(Stems.hash("photosynthesi")))
                .isGreaterThan(DocumentFrequencies.english().idf(Stems.hash("us")));
        assertThat(FluencyModel.english().score("The cat sat on the mat.", 0, 23, 4).mean())
                .isGreaterThan(FluencyModel.english().score("mat the on sat cat The.", 0, 23, 4).mean());
    }
}
