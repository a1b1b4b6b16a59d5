package org.alignmentmonitor.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key of one statistics bucket. Its byte form (model, 0, version, 0, big-endian start) sorts by
 * model, then version, then time, so a RocksDB range scan answers "version V from A to B".
 */
public record BucketKey(String model, String version, long bucketStart) {

    public BucketKey {
        if (model.indexOf('\0') >= 0 || version.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("model and version must not contain NUL characters");
        }
        if (bucketStart < 0) {
            throw new IllegalArgumentException("bucket start before 1970 is not supported: " + bucketStart);
        }
    }

    public byte[] toBytes() {
        byte[] m = model.getBytes(StandardCharsets.UTF_8);
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(m.length + v.length + 2 + Long.BYTES)
                .put(m).put((byte) 0).put(v).put((byte) 0).putLong(bucketStart).array();
    }

    public static BucketKey fromBytes(byte[] bytes) {
        int firstNul = indexOfNul(bytes, 0);
        int secondNul = indexOfNul(bytes, firstNul + 1);
        if (firstNul < 0 || secondNul < 0 || bytes.length != secondNul + 1 + Long.BYTES) {
            throw new IllegalArgumentException("not a bucket key: " + bytes.length + " bytes");
        }
        String model = new String(bytes, 0, firstNul, StandardCharsets.UTF_8);
        String version = new String(bytes, firstNul + 1, secondNul - firstNul - 1, StandardCharsets.UTF_8);
        long start = ByteBuffer.wrap(bytes, secondNul + 1, Long.BYTES).getLong();
        return new BucketKey(model, version, start);
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** "model:version", the label used in the API and logs. */
    public String versionLabel() {
        return model + ":" + version;
    }
}
