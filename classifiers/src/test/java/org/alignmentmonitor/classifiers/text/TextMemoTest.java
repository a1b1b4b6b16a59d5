package org.alignmentmonitor.classifiers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TextMemoTest {

    private static final TextMemo.Kind HEAD = new TextMemo.Kind("head");
    private static final TextMemo.Kind TAIL = new TextMemo.Kind("tail");

    @Test
    void shouldReturnWhatWasRememberedWhenAskedForTheSameTextKindAndParameters() {
        TextMemo memo = TextMemo.thread();
        String text = new String("an answer");
        memo.put(HEAD, text, 2, 0, "an");

        assertThat(memo.get(HEAD, text, 2, 0)).isEqualTo("an");
        assertThat(memo.get(HEAD, text, 3, 0)).isNull();
        assertThat(memo.get(HEAD, text, 2, 1)).isNull();
        assertThat(memo.get(TAIL, text, 2, 0)).isNull();
    }

    @Test
    void shouldMakeAValueOnceWhenRememberedTwice() {
        TextMemo memo = TextMemo.thread();
        String text = new String("made once");
        int[] made = {0};

        String first = memo.remember(HEAD, text, 4, 0, () -> "made" + made[0]++);
        String second = memo.remember(HEAD, text, 4, 0, () -> "made" + made[0]++);

        assertThat(second).isSameAs(first).isEqualTo("made0");
        assertThat(made[0]).isEqualTo(1);
    }

    @Test
    void shouldNotMistakeAnEqualButDistinctTextForTheRememberedOne() {
        TextMemo memo = TextMemo.thread();
        String text = new String("same words");
        memo.put(HEAD, text, 4, 0, "same");

        assertThat(memo.get(HEAD, new String("same words"), 4, 0)).isNull();
    }

    @Test
    void shouldKeepTheNewestEntriesWhenManyMoreArePut() {
        TextMemo memo = TextMemo.thread();
        String first = new String("first");
        memo.put(HEAD, first, 1, 0, "f");
        String[] texts = new String[200];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "text " + i;
            memo.put(HEAD, texts[i], i, 0, i);
        }

        assertThat(memo.get(HEAD, first, 1, 0)).as("the oldest entry is evicted").isNull();
        for (int i = texts.length - 32; i < texts.length; i++) {
            assertThat(memo.get(HEAD, texts[i], i, 0)).isEqualTo(i);
        }
    }

    @Test
    void shouldGiveEachThreadItsOwnMemo() throws Exception {
        TextMemo mine = TextMemo.thread();
        TextMemo other = CompletableFuture.supplyAsync(TextMemo::thread).get();

        assertThat(other).isNotSameAs(mine);
        assertThat(TextMemo.thread()).isSameAs(mine);
    }
}
