package org.alignmentmonitor.streams.review;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.alignmentmonitor.review.sampling.Stratum;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One stratum's traffic since {@code since} (event time) and the inclusion probability in force.
 * Kept in a logged store so a restarted task samples with the same probabilities it used before.
 */
public record StratumTally(Stratum stratum, long interactions, double scoreSum, double probability, long since) {

    StratumTally add(double score) {
        return new StratumTally(stratum, interactions + 1, scoreSum + score, probability, since);
    }

    StratumTally restart(double newProbability, long at) {
        return new StratumTally(stratum, 0, 0.0, newProbability, at);
    }

    /** Interactions per {@code periodMs} at the pace seen since {@code since}, judged at event time {@code now}. */
    long ratePer(long periodMs, long now, long minSpanMs) {
        double span = Math.max(minSpanMs, now - since);
        return Math.round(interactions * (periodMs / span));
    }

    double meanScore() {
        return interactions == 0 ? 0.0 : scoreSum / interactions;
    }

    public static Serde<StratumTally> serde() {
        Serializer<StratumTally> ser = (topic, t) -> {
            if (t == null) {
                return null;
            }
            byte[] model = t.stratum.model().getBytes(StandardCharsets.UTF_8);
            byte[] version = t.stratum.version().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(4 + model.length + 4 + version.length + 4 + 1 + 8 + 8 + 8 + 8)
                    .putInt(model.length).put(model).putInt(version.length).put(version)
                    .putInt(t.stratum.scoreBand()).put((byte) (t.stratum.flagged() ? 1 : 0))
                    .putLong(t.interactions).putDouble(t.scoreSum).putDouble(t.probability).putLong(t.since).array();
        };
        Deserializer<StratumTally> de = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            String model = text(b);
            String version = text(b);
            Stratum stratum = new Stratum(model, version, b.getInt(), b.get() == 1);
            return new StratumTally(stratum, b.getLong(), b.getDouble(), b.getDouble(), b.getLong());
        };
        return Serdes.serdeFrom(ser, de);
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
