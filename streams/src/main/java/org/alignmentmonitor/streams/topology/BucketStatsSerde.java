package org.alignmentmonitor.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.LabelSums;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact hand-written form of {@link BucketStats} for the topology's internal stores and repartition topics only
 * (exported topics keep Avro): the accumulator puts a whole partial on every interaction, and Avro's writer took
 * 0.6-1.7 µs a put where this takes 0.1-0.5 (BENCHMARKS.md). Values start with {@link #FORMAT}; a value starting with the Confluent
 * magic byte 0 was written by an older version as registry-framed Avro and is read with {@code legacy}, so stores
 * and topics written before the change still restore.
 */
public final class BucketStatsSerde implements Serde<BucketStats> {

    static final byte FORMAT = 1;
    private static final byte CONFLUENT_MAGIC = 0;

    private final Deserializer<BucketStats> legacy;

    /** @param legacy reads the registry-framed Avro values written before this format */
    public BucketStatsSerde(Deserializer<BucketStats> legacy) {
        this.legacy = legacy;
    }

    @Override
    public Serializer<BucketStats> serializer() {
        return (topic, stats) -> stats == null ? null : encode(stats);
    }

    @Override
    public Deserializer<BucketStats> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == CONFLUENT_MAGIC) {
                return legacy.deserialize(topic, bytes);
            }
            try {
                return decode(bytes);
            } catch (RuntimeException e) {
                throw new SerializationException("bad bucket statistics on " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    static byte[] encode(BucketStats s) {
        Writer w = new Writer();
        w.writeByte(FORMAT);
        w.writeString(s.getModel());
        w.writeString(s.getVersion());
        w.writeLong(s.getBucketStart().toEpochMilli());
        w.writeLong(s.getBucketMillis());
        w.writeLong(s.getInteractions());
        w.writeLong(s.getFlagged());
        w.writeDouble(s.getScoreSum());
        w.writeDouble(s.getScoreSumSquares());
        w.writeCounts(s.getFlaggedByCategory());
        w.writeCounts(s.getFlaggedByClassifier());
        w.writeLong(s.getClassifierConfigVersions().size());
        for (String version : s.getClassifierConfigVersions()) {
            w.writeString(version);
        }
        w.writeLong(s.getMinEventTime().toEpochMilli());
        w.writeLong(s.getMaxEventTime().toEpochMilli());
        w.writeLong(s.getMisaligned());
        w.writeLong(s.getAligned());
        w.writeLong(s.getAmbiguous());
        w.writeLabelSums(s.getLow());
        w.writeLabelSums(s.getHigh());
        w.writeLong(s.getJudges().size());
        for (Map.Entry<String, JudgeTally> judge : s.getJudges().entrySet()) {
            JudgeTally t = judge.getValue();
            w.writeString(judge.getKey());
            w.writeLong(t.getScored());
            w.writeLong(t.getFlagged());
            w.writeDouble(t.getScoreSum());
            w.writeLong(t.getUnscored());
        }
        return w.bytes();
    }

    static BucketStats decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        byte format = r.readByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        BucketStats s = new BucketStats();
        s.setModel(r.readString());
        s.setVersion(r.readString());
        s.setBucketStart(Instant.ofEpochMilli(r.readLong()));
        s.setBucketMillis(r.readLong());
        s.setInteractions(r.readLong());
        s.setFlagged(r.readLong());
        s.setScoreSum(r.readDouble());
        s.setScoreSumSquares(r.readDouble());
        s.setFlaggedByCategory(r.readCounts());
        s.setFlaggedByClassifier(r.readCounts());
        int versions = r.readCount();
        List<String> configVersions = new ArrayList<>(versions);
        for (int i = 0; i < versions; i++) {
            configVersions.add(r.readString());
        }
        s.setClassifierConfigVersions(configVersions);
        s.setMinEventTime(Instant.ofEpochMilli(r.readLong()));
        s.setMaxEventTime(Instant.ofEpochMilli(r.readLong()));
        s.setMisaligned(r.readLong());
        s.setAligned(r.readLong());
        s.setAmbiguous(r.readLong());
        s.setLow(r.readLabelSums());
        s.setHigh(r.readLabelSums());
        int judges = r.readCount();
        Map<String, JudgeTally> tallies = new HashMap<>();
        for (int i = 0; i < judges; i++) {
            String id = r.readString();
            tallies.put(id, new JudgeTally(r.readLong(), r.readLong(), r.readDouble(), r.readLong()));
        }
        s.setJudges(tallies);
        if (!r.atEnd()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return s;
    }

    /** Zig-zag varints for longs (counts and times are small or share their high bytes), raw IEEE bits for doubles. */
    private static final class Writer {
        private byte[] buf = new byte[256];
        private int pos;

        void writeByte(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        void writeLong(long value) {
            long v = (value << 1) ^ (value >> 63);
            while ((v & ~0x7FL) != 0) {
                writeByte((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            writeByte((int) v);
        }

        void writeDouble(double value) {
            long bits = Double.doubleToRawLongBits(value);
            for (int shift = 0; shift < 64; shift += 8) {
                writeByte((int) (bits >>> shift));
            }
        }

        void writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        }

        void writeCounts(Map<String, Long> counts) {
            writeLong(counts.size());
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                writeString(count.getKey());
                writeLong(count.getValue());
            }
        }

        /** Most partials have no labels: their fourteen zero doubles would be most of the value, so one byte says so. */
        void writeLabelSums(LabelSums sums) {
            if (sums.getLabelled() == 0 && sums.getPositives() == 0 && positiveZero(sums.getSumB(), sums.getSumC(), sums.getSumBB(),
                    sums.getSumCC(), sums.getSumAB(), sums.getSumAC(), sums.getSumBC())) {
                writeByte(0);
                return;
            }
            writeByte(1);
            writeLong(sums.getLabelled());
            writeLong(sums.getPositives());
            writeDouble(sums.getSumB());
            writeDouble(sums.getSumC());
            writeDouble(sums.getSumBB());
            writeDouble(sums.getSumCC());
            writeDouble(sums.getSumAB());
            writeDouble(sums.getSumAC());
            writeDouble(sums.getSumBC());
        }

        /** Bit-exact +0.0 only, so a -0.0 still round-trips as itself. */
        private static boolean positiveZero(double... values) {
            for (double value : values) {
                if (Double.doubleToRawLongBits(value) != 0) {
                    return false;
                }
            }
            return true;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        byte readByte() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("truncated at byte " + pos);
            }
            return buf[pos++];
        }

        long readLong() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                byte b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalArgumentException("varint too long at byte " + pos);
        }

        int readCount() {
            long n = readLong();
            if (n < 0 || n > buf.length - pos) {
                throw new IllegalArgumentException("bad length " + n + " at byte " + pos);
            }
            return (int) n;
        }

        double readDouble() {
            long bits = 0;
            for (int shift = 0; shift < 64; shift += 8) {
                bits |= (long) (readByte() & 0xFF) << shift;
            }
            return Double.longBitsToDouble(bits);
        }

        String readString() {
            int length = readCount();
            String value = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return value;
        }

        Map<String, Long> readCounts() {
            int n = readCount();
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                counts.put(readString(), readLong());
            }
            return counts;
        }

        LabelSums readLabelSums() {
            if (readByte() == 0) {
                return LabelSumsMath.empty();
            }
            return new LabelSums(readLong(), readLong(), readDouble(), readDouble(), readDouble(), readDouble(), readDouble(),
                    readDouble(), readDouble());
        }

        boolean atEnd() {
            return pos == buf.length;
        }
    }
}
