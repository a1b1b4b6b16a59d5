package org.alignmentmonitor.judges.learned;

/** Feature indices (distinct, ascending) and their values. */
public record SparseVector(int[] indices, double[] values) {

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
    }

    public int size() {
        return indices.length;
    }
}
