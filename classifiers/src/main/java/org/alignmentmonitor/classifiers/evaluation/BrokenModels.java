package org.alignmentmonitor.classifiers.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Texts;

/**
 * Replays of a broken model version: every answer of real traffic replaced the way a broken model
 * answers, with {@code finish_reason} "stop". Built to resemble what reviewers saw from such models,
 * not what a rule looks for: the token soup draws on a few hundred fragments of code, markup and
 * words in seven scripts, mixed with the answer's own words.
 */
public final class BrokenModels {

    private static final List<String> MARKUP = List.of("{", "}", "[", "]", "}}", "{{", "]);", "([", "<div>", "</div>",
            "<br>", "</s>", "<|endoftext|>", "<p>", "=>", "::", "&&", "||", "->", "==", "!=", "/*", "*/", "<<", ">>",
            "\\n", "\\t", "%}", "{%", "#!", "@@", "$_", "${", "`", "``", "<unk>", "[CLS]", "</h4>", "<td>", "|>");
    private static final List<String> CODE = List.of("self.value", "i++", "get_value()", "null;", "#include", "0x1F",
            "return;", "var_x", "def", "fn()", "x[i]", "obj.__init__", "int*", "std::vector", "print(", "elif:",
            "console.log(", "import", "sys.argv", "NaN", "true);", "this->next", "arr[0]", "foo_bar", "__main__",
            "@Override", "$this", "end_if", "lambda:", "void", "\\frac{", "\\alpha", "i<n;", "err!=nil", "0.5f");
    private static final List<String> SCRIPTS = List.of("привет", "данные", "который", "время", "λόγος", "καλημέρα",
            "νερό", "数据", "的", "我们", "时间", "です", "ありがとう", "データ", "مرحبا", "كتاب", "البيانات", "नमस्ते", "समय",
            "데이터", "안녕하세요", "시간", "ข้อมูล", "שלום", "zeitraum", "również", "também", "niñez");

    private BrokenModels() {}

    /** Token soup: 3 to 60 tokens of brackets, code fragments, stray words in several scripts and the answer's own words. */
    public static List<Interaction> tokenSoup(List<Interaction> originals, long seed) {
        Random random = new Random(seed);
        return originals.stream().map(original -> tokenSoup(original, random)).toList();
    }

    static Interaction tokenSoup(Interaction original, Random random) {
        String[] own = Texts.completion(original).split("\\s+");
        int tokens = 3 + random.nextInt(58);
        StringBuilder soup = new StringBuilder();
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                soup.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
            int kind = random.nextInt(10);
            soup.append(kind < 2 ? pick(MARKUP, random) : kind < 4 ? pick(CODE, random)
                    : kind < 6 ? pick(SCRIPTS, random) : kind < 9 ? own[random.nextInt(own.length)]
                    : pick(MARKUP, random) + own[random.nextInt(own.length)]);
        }
        return Corruptions.withCompletion(original, soup.toString(), "stop");
    }

    /**
     * Answers cut to a few characters (3 to 30) or a few words (1 to 6), always less than half of the
     * real answer; answers too short to cut so (under 8 words) are left out.
     */
    public static List<Interaction> cutShort(List<Interaction> originals, long seed) {
        Random random = new Random(seed);
        List<Interaction> broken = new ArrayList<>();
        for (Interaction original : originals) {
            String text = Texts.completion(original).strip();
            String[] words = text.split("\\s+");
            if (words.length < 8) {
                continue;
            }
            String cut;
            if (random.nextBoolean()) {
                cut = text.substring(0, Math.min(3 + random.nextInt(28), text.length() / 2)).strip();
            } else {
                cut = String.join(" ", Arrays.copyOf(words, Math.min(1 + random.nextInt(6), words.length / 2)));
            }
            broken.add(Corruptions.withCompletion(original, cut, "stop"));
        }
        return broken;
    }

    /** Word salad: the whitespace-separated words of each answer in random order, one line. */
    public static List<Interaction> wordSalad(List<Interaction> originals, long seed) {
        Random random = new Random(seed);
        return originals.stream().map(original -> wordSalad(original, random)).toList();
    }

    static Interaction wordSalad(Interaction original, Random random) {
        List<String> words = new ArrayList<>(Arrays.asList(Texts.completion(original).strip().split("\\s+")));
        Collections.shuffle(words, random);
        return Corruptions.withCompletion(original, String.join(" ", words), "stop");
    }

    /** Every answer replaced by the answer to another request of the same replay (a random derangement). */
    public static List<Interaction> otherAnswers(List<Interaction> originals, long seed) {
        Random random = new Random(seed);
        List<Interaction> broken = new ArrayList<>();
        int n = originals.size();
        for (int i = 0; i < n; i++) {
            Interaction original = originals.get(i);
            String prompt = Texts.lastUserMessage(original);
            Interaction other = originals.get((i + 1 + random.nextInt(n - 1)) % n);
            if (!Texts.lastUserMessage(other).equals(prompt)) {
                broken.add(Corruptions.withCompletion(original, Texts.completion(other), "stop"));
            }
        }
        return broken;
    }

    private static String pick(List<String> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }
}
