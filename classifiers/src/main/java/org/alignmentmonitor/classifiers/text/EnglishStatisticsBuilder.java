package org.alignmentmonitor.classifiers.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;

/**
 * Builds the shipped English statistics ({@link Lexicon}, {@link FluencyModel}, {@link DocumentFrequencies})
 * from replayed strong-model traffic: the answers of gpt-4-turbo-1106 (preview and concise, alpaca_eval
 * outputs, Apache-2.0) and the requests they answer. Deterministic: same input, same bytes. Run from the
 * repository root:
 *
 * <pre>./mvnw -B -q -pl classifiers exec:java -Dexec.mainClass=org.alignmentmonitor.classifiers.text.EnglishStatisticsBuilder
 *     -Dexec.args="../shared/data/traffic classifiers/src/main/resources/org/alignmentmonitor/classifiers/text"</pre>
 *
 * or let {@code EnglishStatisticsBuilderTest} check that the shipped files are what this builds.
 */
public final class EnglishStatisticsBuilder {

    /** The strong models whose answers are the model of fluent, on-topic English. */
    public static final String SOURCE_GLOB = "gpt-4-turbo-1106*.{jsonl,jsonl.gz}";
    /** Words that stand for themselves in the fluency model; the rest fall in shape classes. */
    static final int FREQUENT_WORDS = 1_000;

    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?(?:```|\\z)|`[^`\\n]{1,200}`");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnglishStatisticsBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EnglishStatisticsBuilder TRAFFIC_DIR OUTPUT_DIR");
            System.exit(2);
        }
        Map<String, byte[]> files = build(Path.of(args[0]));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(Path.of(args[1]).resolve(file.getKey()), file.getValue());
        }
    }

    /** The resource files by name, built from the source logs in {@code trafficDir}. */
    public static Map<String, byte[]> build(Path trafficDir) throws IOException {
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (Path file : sources(trafficDir)) {
            for (String line : lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode messages = node.path("request").path("messages");
                prompts.add(messages.path(messages.size() - 1).path("content").asText(""));
                answers.add(CODE.matcher(node.path("response").path("choices").path(0).path("message")
                        .path("content").asText("")).replaceAll(" "));
            }
        }
        List<String> distinctPrompts = new ArrayList<>(new LinkedHashSet<>(prompts));
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, Integer> answerWords = wordCounts(answers);
        Map<String, Integer> allWords = wordCounts(answers);
        wordCounts(distinctPrompts).forEach((word, count) -> allWords.merge(word, count, Integer::sum));
        files.put(Lexicon.RESOURCE, lexicon(allWords));
        files.put(FluencyModel.RESOURCE, bigrams(answerWords, answers));
        List<String> documents = new ArrayList<>(distinctPrompts);
        documents.addAll(answers);
        files.put(DocumentFrequencies.RESOURCE, documentFrequencies(documents));
        return files;
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader reader = TrafficLogs.open(file)) {
            return reader.lines().toList();
        }
    }

    static List<Path> sources(Path trafficDir) throws IOException {
        try (Stream<Path> files = Files.list(trafficDir)) {
            return files.filter(p -> p.getFileSystem().getPathMatcher("glob:" + SOURCE_GLOB).matches(p.getFileName()))
                    .sorted().toList();
        }
    }

    private static Map<String, Integer> wordCounts(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            forEachWord(text, (start, end) -> counts.merge(text.substring(start, end).toLowerCase(Locale.ROOT), 1, Integer::sum));
        }
        return counts;
    }

    private interface WordSink {
        void word(int start, int end);
    }

    /** Letter runs, as the rules see words. */
    private static void forEachWord(String text, WordSink sink) {
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            sink.word(start, i);
        }
    }

    private static byte[] lexicon(Map<String, Integer> counts) {
        StringBuilder out = new StringBuilder("#lexicon: word, count in the strong-model answers and requests\n");
        new TreeMap<>(counts).forEach((word, count) -> out.append(word).append('\t').append(count).append('\n'));
        return gzip(out);
    }

    private static byte[] bigrams(Map<String, Integer> answerWords, List<String> answers) {
        List<String> frequent = answerWords.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FREQUENT_WORDS).map(Map.Entry::getKey).toList();
        WordClasses classes = new WordClasses(frequent);
        int size = classes.size();
        long[] counts = new long[size * size];
        int[] previous = {WordClasses.START};
        for (String answer : answers) {
            classes.scan(answer, 0, answer.length(), (wordClass, start, end) -> {
                if (wordClass != WordClasses.START) {
                    counts[previous[0] * size + wordClass]++;
                }
                previous[0] = wordClass;
            });
        }
        StringBuilder out = new StringBuilder("#word-class bigrams: w<TAB>frequent word in id order, b<TAB>previous<TAB>next<TAB>count\n");
        for (String word : frequent) {
            out.append("w\t").append(word).append('\n');
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                out.append("b\t").append(i / size).append('\t').append(i % size).append('\t').append(counts[i]).append('\n');
            }
        }
        return gzip(out);
    }

    private static byte[] documentFrequencies(List<String> documents) {
        Map<String, Integer> frequencies = new TreeMap<>();
        Map<String, String> stems = new HashMap<>();
        for (String document : documents) {
            Set<String> terms = new HashSet<>();
            forEachWord(document, (start, end) -> {
                String stem = stems.computeIfAbsent(document.substring(start, end).toLowerCase(Locale.ROOT), Stems::stem);
                if (stem != null) {
                    terms.add(stem);
                }
            });
            terms.forEach(term -> frequencies.merge(term, 1, Integer::sum));
        }
        StringBuilder out = new StringBuilder("#documents " + documents.size() + "\n");
        frequencies.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> out.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
        return gzip(out);
    }

    private static byte[] gzip(CharSequence text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes); Writer writer = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            writer.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
