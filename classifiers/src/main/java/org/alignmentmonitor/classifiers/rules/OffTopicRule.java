package org.alignmentmonitor.classifiers.rules;

import java.util.Locale;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.DocumentFrequencies;
import org.alignmentmonitor.classifiers.text.Requests;
import org.alignmentmonitor.classifiers.text.Stems;

/**
 * An answer to another question: a fluent answer that shares (nearly) no content with the request.
 * Relevance is the cosine of TF-IDF vectors of content-word stems (Lucene's English analyser; IDF
 * from the shipped document frequencies of real requests and answers, see {@link DocumentFrequencies}).
 * Real answers score about 0.35 (median); the 1st percentile of strong models is about 0.04, mostly
 * lists and creative writing, which legitimately repeat few words of the request; an answer to
 * another request scores about 0.01. Only answers of {@value #MIN_ANSWER_TERMS}+ content words to
 * requests with {@value #MIN_REQUEST_TERMS}+ are judged, in English (stop words present), and not when
 * the request is creative or asks for a list, ideas or names: such answers share few words by nature.
 */
public final class OffTopicRule extends ThresholdClassifier {

    public static final String ID = "rule.off_topic";
    public static final String VERSION = "1.0.0";
    public static final String OFF_TOPIC = "off_topic";

    private static final int MAX_REQUEST_CHARS = 4_000;
    private static final int MAX_ANSWER_CHARS = 2_000;
    private static final int MIN_REQUEST_TERMS = 2;
    private static final int MIN_ANSWER_TERMS = 30;
    private static final double MIN_STOP_WORD_SHARE = 0.12;
    /** Cosine at which the score is 0, and at or below which it is 1. */
    private static final double RELATED = 0.045;
    private static final double UNRELATED = 0.0;

    private static final ThreadLocal<LongIntMap> REQUEST_TERMS = new ThreadLocal<>();
    private static final ThreadLocal<LongIntMap> ANSWER_TERMS = new ThreadLocal<>();

    public OffTopicRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String request = Prose.ends(Texts.lastUserMessage(interaction), MAX_REQUEST_CHARS);
        String completion = Texts.completion(interaction);
        if (request.isEmpty() || !Prose.hasLetters(completion, MIN_ANSWER_TERMS * 4)
                || Requests.asksForCreativeText(request)) {
            return Finding.NONE;
        }
        String answer = Prose.ofHead(completion, MAX_ANSWER_CHARS);
        DocumentFrequencies frequencies = DocumentFrequencies.english();

        // Request vector: distinct stems, their index in the arrays below.
        LongIntMap requestIndex = LongIntMap.reused(REQUEST_TERMS, request.length() / 4 + 8);
        long[] requestStems = new long[request.length() / 2 + 1];
        int[] requestCounts = new int[requestStems.length];
        int requestTerms = 0;
        for (Prose.Words w = new Prose.Words(request); w.next(); ) {
            long stem = Stems.of(request, w.start(), w.end(), w.packed());
            if (stem == Stems.NONE) {
                continue;
            }
            int index = requestIndex.get(stem, -1);
            if (index < 0) {
                index = requestTerms++;
                requestIndex.put(stem, index, -1);
                requestStems[index] = stem;
            }
            requestCounts[index]++;
        }
        if (requestTerms < MIN_REQUEST_TERMS) {
            return Finding.NONE;
        }
        // Answer: counts per stem; the squared norm kept up to date as counts grow.
        LongIntMap answerCounts = LongIntMap.reused(ANSWER_TERMS, answer.length() / 4 + 8);
        int[] shared = new int[requestTerms];
        double answerNorm = 0;
        int answerWords = 0;
        int stopWords = 0;
        for (Prose.Words w = new Prose.Words(answer); w.next(); ) {
            long stem = Stems.of(answer, w.start(), w.end(), w.packed());
            if (stem == Stems.NONE) {
                stopWords++;
                continue;
            }
            answerWords++;
            int count = answerCounts.increment(stem);
            double idf = frequencies.idf(stem);
            answerNorm += square(idf * logTf(count)) - (count > 1 ? square(idf * logTf(count - 1)) : 0);
            int index = requestIndex.get(stem, -1);
            if (index >= 0) {
                shared[index] = count;
            }
        }
        // English prose is about a quarter stop words; an answer in another language has next to none.
        boolean english = stopWords >= MIN_STOP_WORD_SHARE * (stopWords + answerWords);
        if (!english || answerWords < MIN_ANSWER_TERMS) {
            return Finding.NONE;
        }
        double dot = 0;
        double requestNorm = 0;
        for (int t = 0; t < requestTerms; t++) {
            double idf = frequencies.idf(requestStems[t]);
            double weight = idf * logTf(requestCounts[t]);
            requestNorm += weight * weight;
            dot += shared[t] > 0 ? weight * idf * logTf(shared[t]) : 0;
        }
        double cosine = dot / Math.sqrt(requestNorm * answerNorm);
        double score = ramp(cosine, RELATED, UNRELATED);
        if (score == 0.0) {
            return Finding.NONE;
        }
        int end = Texts.trimmedEnd(answer);
        return Finding.of(score, OFF_TOPIC, Finding.inCompletion(0, end, String.format(Locale.ROOT,
                "the answer shares almost no content words with the request: TF-IDF cosine %.3f over %d request"
                        + " and %d answer terms (real answers: median 0.35)", cosine, requestTerms, answerWords)));
    }

    /** {@link #logTf} of the counts most terms have, made once: the rule took two logarithms per word. */
    private static final double[] LOG_TF = java.util.stream.IntStream.range(0, 256)
            .mapToDouble(count -> 1 + Math.log(count)).toArray();

    private static double logTf(int count) {
        return count < LOG_TF.length ? LOG_TF[count] : 1 + Math.log(count);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double ramp(double value, double zero, double one) {
        return Math.max(0.0, Math.min(1.0, (value - zero) / (one - zero)));
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, OffTopicRule::new);
        }
    }
}
