package org.alignmentmonitor.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Message;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void shouldFindTheLastUserTurn() {
        Interaction interaction = Interactions.of("first", "answer");
        List<Message> conversation = new ArrayList<>(interaction.getConversation());
        conversation.add(new Message("assistant", "reply"));
        conversation.add(new Message("USER", "second"));
        conversation.add(new Message("tool", "result"));
        interaction.setConversation(conversation);

        assertThat(Texts.lastUserMessage(interaction)).isEqualTo("second");
    }

    @Test
    void shouldReturnEmptyTextsWhenTheyAreMissing() {
        Interaction empty = new Interaction();
        List<Message> odd = new ArrayList<>();
        odd.add(null);
        odd.add(new Message(null, null));

        assertThat(Texts.lastUserMessage(empty)).isEmpty();
        assertThat(Texts.completion(empty)).isEmpty();
        empty.setConversation(odd);
        assertThat(Texts.lastUserMessage(empty)).isEmpty();
    }

    @Test
    void shouldFindTheStartOfTheLastSentence() {
        String text = "One. \"Two!\" Three is here";

        assertThat(text.substring(Texts.sentenceStart(text, text.length()))).isEqualTo("Three is here");
        assertThat(Texts.sentenceStart("line\nnext", 9)).isEqualTo(5);
        assertThat(Texts.sentenceStart("v1.5 release", 12)).isZero();
    }

    @Test
    void shouldTrimTrailingWhitespaceIncludingNoBreakSpaces() {
        assertThat(Texts.trimmedEnd("end. \u00A0\n")).isEqualTo(4);
        assertThat(Texts.trimmedEnd(" \n")).isZero();
    }
}
