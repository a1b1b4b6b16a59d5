package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Laws the shared counters must keep whatever the text, so that every rule counts alike. */
class TextToolkitPropertyTest {

    @Property(tries = 300)
    void shouldCountWordsAdditivelyWhenTextsAreJoinedWithASpace(@ForAll("texts") String a, @ForAll("texts") String b) {
        String joined = a + " " + b;

        assertThat(Words.count(joined)).isEqualTo(Words.count(a) + Words.count(b));
        assertThat(Words.countSeparated(joined, 0, joined.length()))
                .isEqualTo(Words.countSeparated(a, 0, a.length()) + Words.countSeparated(b, 0, b.length()));
    }

    @Property(tries = 300)
    void shouldStopCountingSeparatedWordsAtTheMaximum(@ForAll("texts") String text, @ForAll int max) {
        int all = Words.countSeparated(text, 0, text.length());
        int bounded = Words.countSeparated(text, 0, text.length(), Math.max(0, max));

        assertThat(bounded).isEqualTo(Math.min(all, Math.max(0, max)));
    }

    @Property(tries = 300)
    void shouldNotEndASentenceAtAKnownAbbreviation(@ForAll("sentenceWords") List<String> before,
                                                    @ForAll("abbreviations") String abbreviation,
                                                    @ForAll("sentenceWords") List<String> after) {
        String sentence = "The " + String.join(" ", before) + " " + abbreviation + ". Smith " + String.join(" ", after) + ".";

        assertThat(Sentences.count(sentence).low()).as(sentence).isEqualTo(1);
        assertThat(Sentences.count(sentence).high()).as(sentence).isEqualTo(2);
    }

    @Property(tries = 300)
    void shouldCountOneSentencePerTerminatedSentence(@ForAll @Size(min = 1, max = 8) List<@Size(min = 1, max = 6) List<String>> sentences,
                                                     @ForAll("terminators") String terminator) {
        StringBuilder text = new StringBuilder();
        for (List<String> words : sentences) {
            text.append("Word ").append(String.join(" ", words.stream().map(w -> "w" + Integer.toHexString(w.hashCode())).toList()))
                    .append(terminator).append(' ');
        }

        assertThat(Sentences.count(text).low()).as(text.toString()).isEqualTo(sentences.size());
    }

    @Property(tries = 200)
    void shouldCountParagraphsAndBulletsWhateverTheirText(@ForAll("lines") List<String> lines) {
        String paragraphs = String.join("\n\n", lines);
        String bullets = String.join("\n", lines.stream().map(line -> "* " + line).toList());
        String divided = String.join("\n***\n", lines);

        assertThat(Paragraphs.blankLineSeparated(paragraphs)).isEqualTo(lines.size());
        assertThat(ListItems.bullets(bullets)).isEqualTo(lines.size());
        assertThat(Paragraphs.divided(divided)).isEqualTo(lines.size());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(" \n\t.,!?-_'\"*éßΩ中").withCharRange('a', 'z').withCharRange('0', '9')
                .ofMaxLength(60);
    }

    @Provide
    Arbitrary<List<String>> sentenceWords() {
        // "wq" keeps generated words off the abbreviation list
        return Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8).map(word -> "wq" + word).list()
                .ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> abbreviations() {
        return Arbitraries.of("Dr", "Mr", "Mrs", "St", "vs", "etc", "e.g", "i.e", "U.S", "approx", "J", "3");
    }

    @Provide
    Arbitrary<String> terminators() {
        return Arbitraries.of(".", "!", "?", "?!", ".\"", ".)");
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(" ,.").ofMinLength(1).ofMaxLength(30)
                .filter(line -> line.chars().anyMatch(Character::isLetter)).list().ofMinSize(1).ofMaxSize(8);
    }
}
