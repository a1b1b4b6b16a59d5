package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void shouldIgnoreCasePunctuationAndWhitespace() {
        Tokens a = Tokens.of("Hello,  WORLD!");
        Tokens b = Tokens.of("hello world");

        assertThat(a.size()).isEqualTo(2);
        assertThat(a.hash(0)).isEqualTo(b.hash(0));
        assertThat(a.hash(1)).isEqualTo(b.hash(1));
        assertThat(a.hash(0)).isNotEqualTo(a.hash(1));
    }

    @Test
    void shouldKeepCharacterSpansRelativeToTheWholeText() {
        Tokens tokens = Tokens.of("skip. Two words", 6, 15);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.start(0)).isEqualTo(6);
        assertThat(tokens.end(1)).isEqualTo(15);
    }

    @Test
    void shouldSplitCjkIntoSingleCharacterTokensAndKeepAccentsInWords() {
        assertThat(Tokens.of("神話のパンテオン").size()).isEqualTo(8);
        assertThat(Tokens.of("cafe\u0301 noir").size()).isEqualTo(2);
        assertThat(Tokens.of("हिन्दी भाषा").size()).isEqualTo(2);
    }

    @Test
    void shouldMarkSentenceStarts() {
        Tokens tokens = Tokens.of("First one. Second\nthird 1.5 times");

        assertThat(tokens.startsSentence(0)).isTrue();
        assertThat(tokens.startsSentence(1)).isFalse();
        assertThat(tokens.startsSentence(2)).isTrue();
        assertThat(tokens.startsSentence(3)).isTrue();
        assertThat(tokens.startsSentence(5)).isFalse();
    }

    @Test
    void shouldHashEqualNgramsEquallyWhereverTheyOccur() {
        long[] grams = Tokens.of("a b c x a b c y").ngramHashes(3);

        assertThat(grams).hasSize(6);
        assertThat(grams[0]).isEqualTo(grams[4]);
        assertThat(grams[0]).isNotEqualTo(grams[1]);
        assertThat(Tokens.of("a b").ngramHashes(3)).isEmpty();
    }
}
