package org.alignmentmonitor.judges.learned;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.classifiers.Texts;

/**
 * The learned classifier's features, hashed into {@code 2^bits} slots: a bias; word unigrams and
 * bigrams of the last user turn ({@code p:}) and of the completion ({@code c:}), present/absent,
 * scaled by 1/sqrt(count) so long texts do not dominate; and for each scored rule its score and
 * a flag indicator. Different strings may share a slot (the hashing trick); with 2^18 slots that
 * costs little accuracy.
 */
public final class HashedFeatures {

    public static final int DEFAULT_BITS = 18;
    static final int BIAS = 0;
    /** Bounds the work on huge completions. */
    private static final int MAX_TOKENS = 4_000;

    private final int bits;
    private final int mask;

    public HashedFeatures(int bits) {
        if (bits < 4 || bits > 26) {
            throw new IllegalArgumentException("bits must be in [4,26], was " + bits);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int bits() {
        return bits;
    }

    public SparseVector extract(Interaction interaction, List<ClassifierResult> ruleResults) {
        TreeMap<Integer, Double> text = new TreeMap<>();
        addText(text, "p:", Texts.lastUserMessage(interaction));
        addText(text, "c:", Texts.completion(interaction));
        double scale = text.isEmpty() ? 0 : 1.0 / Math.sqrt(text.size());
        TreeMap<Integer, Double> all = new TreeMap<>();
        text.forEach((index, v) -> all.put(index, scale));
        all.merge(BIAS, 1.0, Double::sum);
        for (ClassifierResult result : ruleResults) {
            if (result.getStatus() == ScoreStatus.SCORED) {
                all.merge(slot("rule:" + result.getClassifierId()), result.getScore(), Double::sum);
                if (result.getFlagged()) {
                    all.merge(slot("flag:" + result.getClassifierId()), 1.0, Double::sum);
                }
            }
        }
        int[] indices = new int[all.size()];
        double[] values = new double[all.size()];
        int i = 0;
        for (var entry : all.entrySet()) {
            indices[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return new SparseVector(indices, values);
    }

    private void addText(TreeMap<Integer, Double> features, String prefix, String text) {
        String[] words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).limit(MAX_TOKENS).toArray(String[]::new);
        for (int i = 0; i < words.length; i++) {
            features.put(slot(prefix + words[i]), 1.0);
            if (i > 0) {
                features.put(slot(prefix + words[i - 1] + ' ' + words[i]), 1.0);
            }
        }
    }

    /** 64-bit FNV-1a, then a murmur finaliser so nearby strings spread over the table; never the bias slot. */
    int slot(String feature) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            h ^= feature.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int slot = (int) (h & mask);
        return slot == BIAS ? 1 : slot;
    }
}
