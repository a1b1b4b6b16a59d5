package org.alignmentmonitor.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficGenerator;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-interaction work on the stream thread, piece by piece: Confluent wire-format Avro in and
 * out, and the classifier suite. Interactions are the demo's bundled real completions with injected
 * failures, cycled so branch predictors see a realistic mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    private static final String TOPIC = "interactions";

    private List<Interaction> interactions;
    private List<byte[]> encoded;
    private Serializer<Interaction> serializer;
    private Deserializer<Interaction> deserializer;
    private ClassifierSuite suite;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        AvroTrust.install();
        SyntheticTrafficGenerator generator = new SyntheticTrafficGenerator(SyntheticConfig.defaults(), 7, 0);
        interactions = IntStream.range(0, 4096).mapToObj(i -> generator.next(i * 1000L)).toList();
        Serde<Interaction> serde = AvroSerdes.specific(Interaction.class, new InMemorySchemaRegistryClient(), false);
        serializer = serde.serializer();
        deserializer = serde.deserializer();
        encoded = interactions.stream().map(i -> serializer.serialize(TOPIC, i)).toList();
        suite = ClassifierSuite.defaults();
    }

    private int nextIndex() {
        next = (next + 1) & 4095;
        return next;
    }

    @Benchmark
    public byte[] serializeInteraction() {
        return serializer.serialize(TOPIC, interactions.get(nextIndex()));
    }

    @Benchmark
    public Interaction deserializeInteraction() {
        return deserializer.deserialize(TOPIC, encoded.get(nextIndex()));
    }

    @Benchmark
    public Object classify() {
        return suite.judge(interactions.get(nextIndex()), 0L);
    }
}
