package org.alignmentmonitor.classifiers.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;
import org.alignmentmonitor.classifiers.text.DocumentFrequencies;
import org.alignmentmonitor.classifiers.text.PackedWord;
import org.alignmentmonitor.classifiers.text.Requests;
import org.alignmentmonitor.classifiers.text.Stems;
import org.alignmentmonitor.classifiers.text.WordFacts;

/**
 * An answer to another question: a fluent answer that shares (nearly) no content with the request.
 * Terms are content-word stems (Lucene's English analyser) weighted by IDF from the shipped document
 * frequencies of real requests and answers ({@link DocumentFrequencies}); a "variant" of a word is any
 * word whose stem starts with the same letters ({@link Stems#variantOf}: "photosynthesis", "photosynthetic").
 * Two tests, either one flags:
 * <ul>
 *   <li><b>cosine</b>: the TF-IDF cosine of request and answer. Real answers score about 0.35 (median),
 *   an answer to another request about 0.01. Only answers of {@value #MIN_COSINE_ANSWER_TERMS}+ content
 *   words to requests that are not creative, list or idea requests (whose answers share few words by nature).
 *   <li><b>topic</b>, for any request and answers of {@value #MIN_ANSWER_TERMS}+ content words: none of
 *   the request's {@value #TOPIC_TERMS} rarest terms (its topic: "porcupine", "Bora") nor a variant is in
 *   the answer, the request's terms as a whole are barely covered (BM25-saturated, IDF-weighted share
 *   under {@value #MAX_TOPIC_COVERAGE}), and the answer has a topic of its own: most of the weight of its
 *   repeated terms is on terms the request lacks. A poem or a list about X names X or repeats little;
 *   an answer to another request repeats that request's terms.
 * </ul>
 * Only English answers are judged (stop words present).
 */
public final class OffTopicRule extends ThresholdClassifier {

    public static final String ID = "rule.off_topic";
    public static final String VERSION = "1.2.0";
    public static final String OFF_TOPIC = "off_topic";

    private static final int MAX_REQUEST_CHARS = 4_000;
    private static final int MAX_ANSWER_CHARS = 2_000;
    private static final int MIN_REQUEST_TERMS = 2;
    private static final int MIN_ANSWER_TERMS = 8;
    private static final int MIN_COSINE_ANSWER_TERMS = 30;
    private static final double MIN_STOP_WORD_SHARE = 0.12;
    /** Cosine at which the score is 0, and at or below which it is 1. */
    private static final double RELATED = 0.045;
    private static final double UNRELATED = 0.0;
    /** Words of format instructions (case, layout, markup, length) and of the form asked for, never what a request is about. */
    private static final Set<String> FORMAT_WORDS = Set.of("lowercase", "uppercase", "capital", "capitals", "caps",
            "letter", "letters", "markdown", "bullet", "bullets", "paragraph", "paragraphs", "section", "sections",
            "sentence", "sentences", "word", "words", "angular", "bracket", "brackets", "title", "quotation", "quotes",
            "comma", "commas", "postscript", "placeholder", "placeholders", "highlight", "highlighted", "json", "format",
            "asterisk", "asterisks", "divider", "keyword", "keywords", "english", "language", "response", "entire",
            "wrap", "wrapped", "italic", "italics", "bold", "separated", "lowercased", "capitalized", "capitalised",
            // the form and audience of the text asked for: "a funny poem for kids about X" is about X
            "song", "poem", "blog", "post", "story", "essay", "summary", "tweet", "rap", "haiku", "limerick", "parody",
            "riddle", "article", "speech", "script", "pitch", "slogan", "resume", "proposal", "joke", "dialogue",
            "template", "rubric", "memo", "funny", "short", "kids", "children", "teenagers", "audience", "latest", "write");

    /** The request's topic: its rarest terms, when rare enough to say what it is about (IDF 2: in under 1 in 7 documents). */
    private static final int TOPIC_TERMS = 3;
    private static final double MIN_TOPIC_IDF = 2.0;
    private static final double MAX_TOPIC_COVERAGE = 0.10;
    private static final double BM25_K1 = 1.2;
    /** The answer's own topic: IDF x ln(count) over its repeated terms the request lacks, at least this, and this share. */
    private static final double MIN_FOREIGN_WEIGHT = 4.0;
    private static final double MIN_FOREIGN_SHARE = 0.75;

    private static final ThreadLocal<Terms> REQUEST_TERMS = ThreadLocal.withInitial(Terms::new);
    private static final ThreadLocal<Terms> ANSWER_TERMS = ThreadLocal.withInitial(Terms::new);

    public OffTopicRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String request = Prose.ends(Texts.lastUserMessage(interaction), MAX_REQUEST_CHARS);
        String completion = Texts.completion(interaction);
        if (request.isEmpty() || !Prose.hasLetters(completion, MIN_ANSWER_TERMS * 4)) {
            return Finding.NONE;
        }
        String answer = Prose.ofHead(completion, MAX_ANSWER_CHARS);

        Terms req = REQUEST_TERMS.get().read(request);
        if (req.distinct < MIN_REQUEST_TERMS) {
            return Finding.NONE;
        }
        Terms ans = ANSWER_TERMS.get().read(answer);
        // English prose is about a quarter stop words; an answer in another language has next to none.
        boolean english = ans.stopWords >= MIN_STOP_WORD_SHARE * (ans.stopWords + ans.words);
        if (!english || ans.words < MIN_ANSWER_TERMS) {
            return Finding.NONE;
        }
        int end = Texts.trimmedEnd(answer);
        Finding topic = topic(end, req, ans, null);
        if (topic != Finding.NONE) {
            // Judged again without the request's format instructions ("in all lowercase letters", "do not include the
            // words ..."): those say how to answer, not what about. Only now: most answers never get this far.
            topic = topic(end, req, ans, instructionTerms(req));
        }
        if (ans.words < MIN_COSINE_ANSWER_TERMS || Requests.asksForCreativeText(request)) {
            return topic;
        }
        double cosine = cosine(req, ans);
        double score = ramp(cosine, RELATED, UNRELATED);
        if (score <= topic.score()) {
            return topic;
        }
        return Finding.of(score, OFF_TOPIC, Finding.inCompletion(0, end, String.format(Locale.ROOT,
                "the answer shares almost no content words with the request: TF-IDF cosine %.3f over %d request"
                        + " and %d answer terms (real answers: median 0.35); %s", cosine, req.distinct, ans.words,
                dominantTerms(req, ans))));
    }

    /** The request's terms that belong to a format instruction: a format word, or first used inside a parsed constraint. */
    private static boolean[] instructionTerms(Terms req) {
        boolean[] instruction = new boolean[req.distinct];
        List<Constraint> constraints = ConstraintParser.parse(req.text);
        for (int t = 0; t < req.distinct; t++) {
            // two letters and less are leftovers such as the "e" of "i.e.", not a topic
            instruction[t] = req.ends[t] - req.starts[t] < 3 || FORMAT_WORDS.contains(req.word(t).toLowerCase(Locale.ROOT));
            for (Constraint c : constraints) {
                instruction[t] |= req.starts[t] >= c.start() && req.ends[t] <= c.end();
            }
        }
        return instruction;
    }

    /** The topic test (see the class comment); terms marked in {@code skip} (may be null) count for nothing. */
    private static Finding topic(int end, Terms req, Terms ans, boolean[] skip) {
        int[] topic = rarest(req, skip);
        if (topic.length < MIN_REQUEST_TERMS) {
            return Finding.NONE;
        }
        for (int t : topic) {
            if (ans.countOf(req, t) > 0) {
                return Finding.NONE;
            }
        }
        double covered = 0;
        double total = 0;
        for (int t = 0; t < req.distinct; t++) {
            if (skip != null && skip[t]) {
                continue;
            }
            double idf = req.idfs[t];
            int tf = ans.countOf(req, t);
            total += idf;
            covered += idf * tf / (tf + BM25_K1);
        }
        double coverage = covered / total;
        if (coverage >= MAX_TOPIC_COVERAGE) {
            return Finding.NONE;
        }
        double repeated = 0;
        double foreign = 0;
        for (int a = 0; a < ans.distinct; a++) {
            if (ans.counts[a] >= 2) {
                double weight = ans.idfs[a] * Math.log(ans.counts[a]);
                repeated += weight;
                foreign += req.has(ans.stems[a], ans.variant(a)) ? 0 : weight;
            }
        }
        if (foreign < MIN_FOREIGN_WEIGHT || foreign < MIN_FOREIGN_SHARE * repeated) {
            return Finding.NONE;
        }
        StringBuilder missing = new StringBuilder();
        for (int t : topic) {
            missing.append(missing.length() == 0 ? "" : ", ").append('"').append(req.word(t)).append('"');
        }
        double score = 0.5 + 0.5 * ramp(coverage, MAX_TOPIC_COVERAGE, 0.0);
        return Finding.of(score, OFF_TOPIC, Finding.inCompletion(0, end, String.format(Locale.ROOT,
                "the answer is about something else: the request's key terms %s appear nowhere in it, not even as"
                        + " variants (request terms covered: %.3f); %s", missing, coverage,
                dominantTerms(req, ans))));
    }

    /** Indices of the request's {@value #TOPIC_TERMS} rarest terms of IDF {@value #MIN_TOPIC_IDF}+, rarest first. */
    private static int[] rarest(Terms req, boolean[] skip) {
        int[] best = new int[TOPIC_TERMS];
        double[] bestIdf = new double[TOPIC_TERMS];
        int found = 0;
        for (int t = 0; t < req.distinct; t++) {
            if (skip != null && skip[t]) {
                continue;
            }
            double idf = req.idfs[t];
            if (idf < MIN_TOPIC_IDF || found == TOPIC_TERMS && idf <= bestIdf[TOPIC_TERMS - 1]) {
                continue;
            }
            int at = Math.min(found, TOPIC_TERMS - 1);
            while (at > 0 && bestIdf[at - 1] < idf) {
                best[at] = best[at - 1];
                bestIdf[at] = bestIdf[at - 1];
                at--;
            }
            best[at] = t;
            bestIdf[at] = idf;
            found = Math.min(found + 1, TOPIC_TERMS);
        }
        return Arrays.copyOf(best, found);
    }

    /** Evidence a reviewer can check: what the answer is about instead, its three heaviest terms the request lacks. */
    private static String dominantTerms(Terms req, Terms ans) {
        int[] top = {-1, -1, -1};
        double[] weights = new double[top.length];
        for (int a = 0; a < ans.distinct; a++) {
            if (req.has(ans.stems[a], ans.variant(a))) {
                continue;
            }
            double weight = ans.idfs[a] * logTf(ans.counts[a]);
            for (int k = 0; k < top.length; k++) {
                if (top[k] < 0 || weight > weights[k]) {
                    System.arraycopy(top, k, top, k + 1, top.length - k - 1);
                    System.arraycopy(weights, k, weights, k + 1, top.length - k - 1);
                    top[k] = a;
                    weights[k] = weight;
                    break;
                }
            }
        }
        StringBuilder terms = new StringBuilder("the answer's dominant terms: ");
        for (int k = 0; k < top.length && top[k] >= 0; k++) {
            terms.append(k == 0 ? "" : ", ").append('"').append(ans.word(top[k])).append("\" x")
                    .append(ans.counts[top[k]]);
        }
        return terms.toString();
    }

    private static double cosine(Terms req, Terms ans) {
        double dot = 0;
        double requestNorm = 0;
        for (int t = 0; t < req.distinct; t++) {
            double idf = req.idfs[t];
            double weight = idf * logTf(req.counts[t]);
            requestNorm += weight * weight;
            int shared = ans.exactCountOf(req.stems[t]);
            dot += shared > 0 ? weight * idf * logTf(shared) : 0;
        }
        double answerNorm = 0;
        for (int a = 0; a < ans.distinct; a++) {
            answerNorm += square(ans.idfs[a] * logTf(ans.counts[a]));
        }
        return dot / Math.sqrt(requestNorm * answerNorm);
    }

    /**
     * The content-word stems of a text: distinct stems in order of first use, their counts, the
     * variant key and first position of each, and counts per variant key. One per thread and use,
     * refilled by {@link #read}: the arrays are most of the rule's garbage otherwise.
     */
    private static final class Terms {
        private final ThreadLocal<LongIntMap> indexSite = new ThreadLocal<>();
        private final ThreadLocal<LongIntMap> variantSite = new ThreadLocal<>();
        String text;
        LongIntMap index;
        LongIntMap variantCounts;
        long[] stems = new long[0];
        /** Each term's IDF, read with its stem from the thread's {@link WordFacts}: the rule asks it several times. */
        double[] idfs = new double[0];
        long[] variants = new long[0];
        int[] counts = new int[0];
        int[] starts = new int[0];
        int[] ends = new int[0];
        int distinct;
        int words;
        int stopWords;

        Terms read(String text) {
            this.text = text;
            int expected = text.length() / 4 + 8;
            index = LongIntMap.reused(indexSite, expected);
            variantCounts = null;
            int capacity = text.length() / 2 + 1;
            if (stems.length < capacity) {
                stems = new long[capacity];
                idfs = new double[capacity];
                variants = new long[capacity];
                counts = new int[capacity];
                starts = new int[capacity];
                ends = new int[capacity];
            }
            distinct = 0;
            words = 0;
            stopWords = 0;
            WordFacts facts = WordFacts.thread();
            for (Prose.Words w = new Prose.Words(text); w.next(); ) {
                long key = w.packed();
                boolean packed = key != PackedWord.NOT_PACKED;
                long stem = packed ? facts.stem(text, w.start(), w.end(), key) : Stems.of(text, w.start(), w.end(), key);
                if (stem == Stems.NONE) {
                    stopWords++;
                    continue;
                }
                words++;
                int at = index.get(stem, -1);
                if (at < 0) {
                    at = distinct++;
                    index.put(stem, at, -1);
                    stems[at] = stem;
                    idfs[at] = packed ? facts.idf(text, w.start(), w.end(), key) : DocumentFrequencies.english().idf(stem);
                    starts[at] = w.start();
                    ends[at] = w.end();
                    counts[at] = 0;
                }
                counts[at]++;
            }
            return this;
        }

        /**
         * Occurrences per variant key, with the variant key of each term, made on first need: most
         * answers name the request's topic exactly and never need them.
         */
        private LongIntMap variantCounts() {
            if (variantCounts == null) {
                variantCounts = LongIntMap.reused(variantSite, distinct + 8);
                for (int t = 0; t < distinct; t++) {
                    variants[t] = Stems.variantOf(text, starts[t], ends[t], PackedWord.pack(text, starts[t], ends[t]));
                    if (variants[t] != 0) {
                        variantCounts.put(variants[t], variantCounts.get(variants[t], 0) + counts[t], 0);
                    }
                }
            }
            return variantCounts;
        }

        long variant(int t) {
            variantCounts();
            return variants[t];
        }

        int exactCountOf(long stem) {
            int at = index.get(stem, -1);
            return at < 0 ? 0 : counts[at];
        }

        /** How often the term {@code t} of {@code other} is here, as itself or else as variants. */
        int countOf(Terms other, int t) {
            int exact = exactCountOf(other.stems[t]);
            return exact > 0 || other.variant(t) == 0 ? exact : variantCounts().get(other.variant(t), 0);
        }

        boolean has(long stem, long variant) {
            return index.get(stem, -1) >= 0 || variant != 0 && variantCounts().get(variant, 0) > 0;
        }

        String word(int t) {
            return text.substring(starts[t], ends[t]);
        }
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
