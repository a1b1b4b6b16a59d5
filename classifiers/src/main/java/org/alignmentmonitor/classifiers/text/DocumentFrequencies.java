package org.alignmentmonitor.classifiers.text;

import java.util.HashMap;
import java.util.Map;

/**
 * In how many documents (requests and answers of the shipped corpus, see {@link EnglishStatisticsBuilder})
 * each {@link Stems stem} occurs: the inverse document frequency that weights terms in a relevance
 * score, so "use" or "make" count for little and "photosynthesis" for much.
 */
public final class DocumentFrequencies {

    static final String RESOURCE = "english-document-frequencies.tsv.gz";

    private static final class Shipped {
        static final DocumentFrequencies INSTANCE = load();
    }

    private final int documents;
    private final LongIntTable frequencies;
    /** {@link #idf} by document frequency, 0 to {@code documents}: one logarithm per word was most of a relevance score's time. */
    private final double[] idfByFrequency;

    DocumentFrequencies(int documents, Map<Long, Integer> frequencies) {
        this.documents = documents;
        this.frequencies = new LongIntTable(frequencies);
        this.idfByFrequency = new double[Math.max(0, documents) + 1];
        for (int df = 0; df < idfByFrequency.length; df++) {
            idfByFrequency[df] = idfOf(df);
        }
    }

    public static DocumentFrequencies english() {
        return Shipped.INSTANCE;
    }

    private static DocumentFrequencies load() {
        int documents = 0;
        Map<Long, Integer> frequencies = new HashMap<>();
        for (String[] row : Resources.rows(RESOURCE)) {
            if (row[0].startsWith("#documents")) {
                documents = Integer.parseInt(row[0].substring("#documents".length()).strip());
            } else if (row.length == 2) {
                frequencies.put(Stems.hash(row[0]), Integer.parseInt(row[1]));
            }
        }
        return new DocumentFrequencies(documents, frequencies);
    }

    /** BM25's inverse document frequency of a stem; an unseen stem weighs most. */
    public double idf(long stem) {
        int df = frequencies.get(stem, 0);
        return df >= 0 && df < idfByFrequency.length ? idfByFrequency[df] : idfOf(df);
    }

    private double idfOf(int df) {
        return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    }
}
