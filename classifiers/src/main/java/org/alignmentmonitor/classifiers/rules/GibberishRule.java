package org.alignmentmonitor.classifiers.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.CharClass;
import org.alignmentmonitor.classifiers.Finding;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.classifiers.ThresholdClassifier;
import org.alignmentmonitor.classifiers.ThresholdClassifierProvider;

/**
 * Garbled output: mojibake or replacement characters (text decoded with the wrong charset), or a
 * passage of Latin-script prose whose words are mostly not word-like: no vowel, six or more
 * consonants in a row, hardly any vowels in a long word, letter pairs no European language uses
 * ("qx", "jz"). CamelCase and alternating case are not garbling. Code, URLs, hashes and base64 are not prose (see {@link Prose}); non-Latin
 * scripts, acronyms and tokens next to digits are not judged; and nothing is flagged when the user
 * asked for encodings, ciphers, random strings, invented words or the like.
 */
public final class GibberishRule extends ThresholdClassifier {

    public static final String ID = "rule.gibberish";
    public static final String VERSION = "1.0.0";
    public static final String GIBBERISH = "gibberish";

    private static final int MAX_CHARS = 20_000;
    /** Words per passage judged together. */
    private static final int WINDOW = 30;
    private static final int MIN_WORDS = 10;
    private static final double ODD_LOW = 0.25;
    private static final double ODD_HIGH = 0.5;
    /** Bits per letter above which a passage reads as random letters (English prose is about 4.1). */
    private static final double HIGH_ENTROPY = 4.45;
    private static final int MIN_GARBLED = 3;

    private static final Pattern GARBLED = Pattern.compile("\uFFFD|Ã[\u0080-\u00BF]|â€[\u0080-\u00BF\u2018-\u201E\u2020-\u2122]?|Â[\u00A0-\u00BF]");

    private static final Pattern ASKED_FOR_ODD_TEXT = Pattern.compile("(?i)\\b(?:base ?64|encod\\w*|decod\\w*|cipher\\w*"
            + "|encrypt\\w*|hash\\w*|random|password\\w*|gibberish|nonsense|made[- ]up|invent\\w*|fictional language"
            + "|lorem|anagram\\w*|scrambl\\w*|jumbl\\w*|backwards?|revers\\w*|tongue[- ]twister\\w*|conlang|alien"
            + "|pig latin|morse|dna|rna|genome|sequences?|abbreviat\\w*|acronyms?|vowels?|consonants?|onomatopoei\\w*"
            + "|sounds?|keyboard|typos?|misspell\\w*|captcha|license key|serial|mojibake|garbled|encoding)\\b");

    private static final String VOWELS = "aeiouyAEIOUYàáâãäåæèéêëìíîïòóôõöøùúûüýÿœÀÁÂÃÄÅÆÈÉÊËÌÍÎÏÒÓÔÕÖØÙÚÛÜÝŸŒąęėįųůőűĄĘĖĮŲŮŐŰ";
    private static final String[] RARE_PAIRS = {"qj", "qz", "qx", "qv", "qg", "qk", "qy", "qp", "qf", "qh", "jq", "jx",
        "jz", "xj", "zx", "vq", "vx", "wx", "fq", "zj", "gx", "kq", "pq", "xq", "cx", "jv", "vj", "bx", "xz", "qw", "qb", "qc",
        "qd", "ql", "qm", "qn", "qr", "qs", "qt", "zq", "wq", "gq", "hq", "mq", "fz", "jg", "jk", "jh", "kx", "vz"};

    private static final CharClass LOWER_CASE = CharClass.of(Character::isLowerCase);

    /** 32K words (256 KB): the vocabulary of real answers is tens of thousands of words. */
    private static final int ODD_CACHE_BITS = 15;
    private static final long ODD = 1L << 62;
    /** Per thread: packed word (never 0, at most 60 bits) plus {@link #ODD} when the word is odd; 0 when empty. */
    private static final ThreadLocal<long[]> ODD_CACHE = ThreadLocal.withInitial(() -> new long[1 << ODD_CACHE_BITS]);

    /** RARE_PAIRS as a 26 x 26 table of lower-case ASCII letters. */
    private static final boolean[] RARE = new boolean[26 * 26];

    static {
        for (String pair : RARE_PAIRS) {
            RARE[(pair.charAt(0) - 'a') * 26 + pair.charAt(1) - 'a'] = true;
        }
    }

    public GibberishRule(double threshold) {
        super(ID, VERSION, threshold);
    }

    @Override
    protected Finding evaluate(Interaction interaction) {
        String completion = Texts.completion(interaction);
        if (completion.isBlank()) {
            return Finding.NONE;
        }
        String text = Prose.head(completion, MAX_CHARS);
        String prompt = Prose.ends(Texts.lastUserMessage(interaction), MAX_CHARS);
        Finding garbled = garbled(text, prompt);
        if (garbled != Finding.NONE) {
            return garbled;
        }
        if (!hasOddWords(text, 3)) {
            return Finding.NONE; // blanking code out only removes words, so prose cannot have more
        }
        String prose = Prose.of(text);
        if (Prose.latinShare(prose) < 0.8) {
            return Finding.NONE;
        }
        Finding words = oddWords(prose);
        if (words == Finding.NONE || ASKED_FOR_ODD_TEXT.matcher(prompt).find()) {
            return Finding.NONE;
        }
        return words;
    }

    private static Finding garbled(String text, String prompt) {
        if (text.indexOf('\uFFFD') < 0 && text.indexOf('Ã') < 0 && text.indexOf('â') < 0 && text.indexOf('Â') < 0) {
            return Finding.NONE;
        }
        Matcher m = GARBLED.matcher(text);
        int count = 0;
        int first = -1;
        int last = -1;
        while (m.find()) {
            count++;
            first = first < 0 ? m.start() : first;
            last = m.end();
        }
        if (count < MIN_GARBLED || GARBLED.matcher(prompt).find()) {
            return Finding.NONE;
        }
        double score = Math.min(1.0, 0.5 + 0.1 * count);
        int from = Texts.lineStart(text, first + 1);
        return Finding.of(score, GIBBERISH, Finding.inCompletion(from, Math.min(text.length(), Math.max(last, first + 1)),
                count + " replacement or mis-decoded characters (mojibake)"));
    }

    /** The passage of {@value #WINDOW} words with the largest share of words that are not word-like. */
    private static Finding oddWords(String prose) {
        int capacity = Math.max(16, prose.length() / 4);
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        boolean[] odd = new boolean[capacity];
        int n = 0;
        int i = 0;
        int length = prose.length();
        while (i < length) {
            if (!Texts.isLetter(prose.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && Texts.isLetter(prose.charAt(i))) {
                i++;
            }
            boolean nextToDigit = start > 0 && Character.isDigit(prose.charAt(start - 1))
                    || i < length && Character.isDigit(prose.charAt(i));
            if (i - start < 2 || nextToDigit || isAcronym(prose, start, i)) {
                continue;
            }
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
                ends = java.util.Arrays.copyOf(ends, n * 2);
                odd = java.util.Arrays.copyOf(odd, n * 2);
            }
            starts[n] = start;
            ends[n] = i;
            odd[n] = isOdd(prose, start, i);
            n++;
        }
        if (n < MIN_WORDS) {
            return Finding.NONE;
        }
        int window = Math.min(WINDOW, n);
        int count = 0;
        for (int k = 0; k < window; k++) {
            count += odd[k] ? 1 : 0;
        }
        int best = count;
        int bestStart = 0;
        for (int k = window; k < n; k++) {
            count += (odd[k] ? 1 : 0) - (odd[k - window] ? 1 : 0);
            if (count > best) {
                best = count;
                bestStart = k - window + 1;
            }
        }
        double ratio = best / (double) window;
        double score = ramp(ratio, ODD_LOW, ODD_HIGH);
        if (score == 0.0) {
            return Finding.NONE;
        }
        // The passage plus the garbled words right around it (across single word-like ones), so the
        // span covers the whole run.
        int first = bestStart;
        int last = bestStart + window - 1;
        while (first > 0 && (odd[first - 1] || first > 1 && odd[first - 2])) {
            first -= odd[first - 1] ? 1 : 2;
        }
        while (last + 1 < n && (odd[last + 1] || last + 2 < n && odd[last + 2])) {
            last += odd[last + 1] ? 1 : 2;
        }
        int from = starts[first];
        int to = ends[last];
        double entropy = entropy(prose, from, to);
        if (entropy >= HIGH_ENTROPY) {
            score = Math.min(1.0, score + 0.2);
        }
        return Finding.of(score, GIBBERISH, Finding.inCompletion(from, to, String.format(java.util.Locale.ROOT,
                "%d of %d words are not word-like (letter entropy %.1f bits)", best, window, entropy)));
    }

    /** Whether {@code text} has at least {@code count} odd words; stops as soon as it knows. */
    private static boolean hasOddWords(String text, int count) {
        long[] oddCache = ODD_CACHE.get();
        int found = 0;
        for (Prose.Words w = new Prose.Words(text); found < count && w.next(); ) {
            // Few words are odd: judge that first, the acronym test only for those.
            if (w.length() >= 2 && isOdd(text, w, oddCache) && !isAcronym(text, w.start(), w.end())) {
                found++;
            }
        }
        return found >= count;
    }

    /**
     * {@link #isOdd(CharSequence, int, int)} of the current word, remembered by its packed letters
     * (on which alone it depends: it ignores case) in a direct-mapped per-thread cache. Prose
     * repeats its words, and judging each anew was most of the rule's time.
     */
    private static boolean isOdd(String text, Prose.Words w, long[] oddCache) {
        long key = w.packed();
        if (key == WordSet.NOT_PACKED) {
            return isOdd(text, w.start(), w.end());
        }
        int slot = (int) (key * 0x9E3779B97F4A7C15L >>> (Long.SIZE - ODD_CACHE_BITS));
        long entry = oddCache[slot];
        if (entry != 0 && (entry & ~ODD) == key) {
            return (entry & ODD) != 0;
        }
        boolean odd = isOdd(text, w.start(), w.end());
        oddCache[slot] = key | (odd ? ODD : 0);
        return odd;
    }

    /** All capitals and at most six letters: HTML, NASA, PhD-like short forms are not judged. */
    private static boolean isAcronym(String text, int start, int end) {
        if (end - start > 6) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (LOWER_CASE.contains(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isOdd(CharSequence text, int start, int end) {
        int length = end - start;
        if (length > 30) {
            return true;
        }
        boolean vowel = false;
        int consonantRun = 0;
        int maxConsonantRun = 0;
        int vowels = 0;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (isVowel(c)) {
                vowel = true;
                vowels++;
                consonantRun = 0;
            } else {
                maxConsonantRun = Math.max(maxConsonantRun, ++consonantRun);
            }
            if (k > start) {
                int a = (text.charAt(k - 1) | 0x20) - 'a';
                int b = (c | 0x20) - 'a';
                if (a >= 0 && a < 26 && b >= 0 && b < 26 && RARE[a * 26 + b]) {
                    return true;
                }
            }
        }
        return !vowel && length >= 4 || maxConsonantRun >= 6 || length >= 7 && vowels * 9 < length;
    }

    private static boolean isVowel(char c) {
        return switch (c | 0x20) {
            case 'a', 'e', 'i', 'o', 'u', 'y' -> c < 128;
            default -> c >= 0xC0 && VOWELS.indexOf(c) >= 0;
        };
    }

    private static double entropy(CharSequence text, int from, int to) {
        int[] counts = new int[26];
        int total = 0;
        for (int k = from; k < to; k++) {
            char c = Character.toLowerCase(text.charAt(k));
            if (c >= 'a' && c <= 'z') {
                counts[c - 'a']++;
                total++;
            }
        }
        double bits = 0.0;
        for (int count : counts) {
            if (count > 0) {
                double p = count / (double) total;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    private static double ramp(double value, double low, double high) {
        return Math.max(0.0, Math.min(1.0, (value - low) / (high - low)));
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider extends ThresholdClassifierProvider {
        public Provider() {
            super(ID, GibberishRule::new);
        }
    }
}
