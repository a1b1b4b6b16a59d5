package org.alignmentmonitor.streams.topology;

/** Keys of the version-totals store: a bucket key whose start is 0 stands for "all time". */
public final class VersionTotals {

    private VersionTotals() {
    }

    public static BucketKey key(String model, String version) {
        return new BucketKey(model, version, 0L);
    }
}
