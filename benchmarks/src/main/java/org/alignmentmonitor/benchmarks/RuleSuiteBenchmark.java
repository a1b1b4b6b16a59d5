package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.rules.BenignRefusalRule;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.GibberishRule;
import org.alignmentmonitor.classifiers.rules.InjectionRule;
import org.alignmentmonitor.classifiers.rules.LanguageRule;
import org.alignmentmonitor.classifiers.rules.ProfanityRule;
import org.alignmentmonitor.classifiers.rules.PromptEchoRule;
import org.alignmentmonitor.classifiers.rules.RepetitionRule;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.alignmentmonitor.schemas.AvroTrust;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default classifier suite on every real interaction of a traffic directory, on one thread:
 * one operation is one interaction, so the score is interactions/s per core. {@code rule=suite}
 * runs the whole suite as the stream thread does; a rule id runs that rule alone. Rules share
 * per-thread work when run together (tokens of the same completion), so the per-rule figures do
 * not add up to the suite's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
public class RuleSuiteBenchmark {

    private static final String SUITE = "suite";

    /** Directory of OpenAI-style JSONL logs, relative to where the benchmark is started. */
    @Param("testdata/traffic")
    public String traffic;

    @Param({SUITE, TruncationRule.ID, RepetitionRule.ID, PromptEchoRule.ID, ConstraintRule.ID, LanguageRule.ID,
            ProfanityRule.ID, GibberishRule.ID, InjectionRule.ID, BenignRefusalRule.ID})
    public String rule;

    private List<Interaction> interactions;
    private ClassifierSuite suite;
    private Classifier classifier;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        AvroTrust.install();
        interactions = RealTraffic.load(Path.of(traffic));
        suite = ClassifierSuite.defaults();
        if (!SUITE.equals(rule)) {
            classifier = suite.classifiers().stream().filter(c -> c.id().equals(rule)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no classifier " + rule + " in the default suite"));
        }
    }

    private Interaction nextInteraction() {
        next = next + 1 == interactions.size() ? 0 : next + 1;
        return interactions.get(next);
    }

    @Benchmark
    public Object classify() {
        Interaction interaction = nextInteraction();
        return classifier == null ? suite.judge(interaction, 0L) : classifier.classify(interaction);
    }
}
