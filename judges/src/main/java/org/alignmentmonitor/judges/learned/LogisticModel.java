package org.alignmentmonitor.judges.learned;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logistic regression over hashed features, trained online with AdaGrad and L2. The L2 step is
 * applied lazily to the features of each example (not to the bias), which keeps an update
 * proportional to the example's size instead of the table's. Thread-safe: predictions share a
 * read lock, updates take the write lock.
 */
public final class LogisticModel {

    private static final int MAGIC = 0x414d4c52; // "AMLR"
    private static final int FORMAT = 1;

    private final int bits;
    private final double learningRate;
    private final double l2;
    private final double[] weights;
    private final double[] squaredGradients;
    private long trainingCount;
    private String version;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public LogisticModel(int bits, double learningRate, double l2) {
        this.bits = bits;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.weights = new double[1 << bits];
        this.squaredGradients = new double[1 << bits];
    }

    /** 2^18 slots, AdaGrad rate 0.5, L2 1e-6. */
    public static LogisticModel defaults() {
        return new LogisticModel(HashedFeatures.DEFAULT_BITS, 0.5, 1e-6);
    }

    public int bits() {
        return bits;
    }

    public double predict(SparseVector x) {
        lock.readLock().lock();
        try {
            return sigmoid(dot(x));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * One AdaGrad step on the log loss.
     *
     * @param target label in [0,1] (soft labels allowed)
     * @param weight importance of the example, > 0
     */
    public void update(SparseVector x, double target, double weight) {
        lock.writeLock().lock();
        try {
            double error = sigmoid(dot(x)) - target;
            int[] idx = x.indices();
            double[] val = x.values();
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                double gradient = weight * error * val[k] + (i == HashedFeatures.BIAS ? 0 : l2 * weights[i]);
                squaredGradients[i] += gradient * gradient;
                weights[i] -= learningRate * gradient / (Math.sqrt(squaredGradients[i]) + 1e-8);
            }
            trainingCount++;
            version = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public long trainingCount() {
        lock.readLock().lock();
        try {
            return trainingCount;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@code lr-<training count>-<first 12 hex of SHA-256 of the weights>}: changes with every update. */
    public String version() {
        lock.writeLock().lock();
        try {
            if (version == null) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[8];
                for (double w : weights) {
                    long bitsOf = Double.doubleToLongBits(w);
                    for (int b = 0; b < 8; b++) {
                        buffer[b] = (byte) (bitsOf >>> (8 * b));
                    }
                    sha.update(buffer);
                }
                version = "lr-" + trainingCount + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            }
            return version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The model as gzipped bytes: what the trainer publishes and every scorer loads. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lock.readLock().lock();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(bits);
            out.writeDouble(learningRate);
            out.writeDouble(l2);
            out.writeLong(trainingCount);
            int nonZero = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0 || squaredGradients[i] != 0) {
                    nonZero++;
                }
            }
            out.writeInt(nonZero);
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0 || squaredGradients[i] != 0) {
                    out.writeInt(i);
                    out.writeDouble(weights[i]);
                    out.writeDouble(squaredGradients[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        } finally {
            lock.readLock().unlock();
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a model of a format this code reads */
    public static LogisticModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes))))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a learned-classifier model");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unsupported model format " + format);
            }
            LogisticModel model = new LogisticModel(in.readInt(), in.readDouble(), in.readDouble());
            model.trainingCount = in.readLong();
            int nonZero = in.readInt();
            for (int k = 0; k < nonZero; k++) {
                int i = in.readInt();
                model.weights[i] = in.readDouble();
                model.squaredGradients[i] = in.readDouble();
            }
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable learned-classifier model: " + e.getMessage(), e);
        }
    }

    private double dot(SparseVector x) {
        double sum = 0;
        int[] idx = x.indices();
        double[] val = x.values();
        for (int k = 0; k < idx.length; k++) {
            sum += weights[idx[k]] * val[k];
        }
        return sum;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
