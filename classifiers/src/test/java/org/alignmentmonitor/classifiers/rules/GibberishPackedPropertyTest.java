package org.alignmentmonitor.classifiers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The odd-word test read from packed letters is the character test, for every packable word. */
class GibberishPackedPropertyTest {

    @Property(tries = 2000)
    void packedTestShouldEqualTheCharacterTest(
            @ForAll @StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z')
            String word) {
        assertThat(GibberishRule.isOddPacked(WordSet.pack(word, 0, word.length())))
                .as(word).isEqualTo(GibberishRule.isOdd(word, 0, word.length()));
    }
}
