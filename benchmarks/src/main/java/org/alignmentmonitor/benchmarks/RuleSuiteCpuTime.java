package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.schemas.AvroTrust;

/**
 * The default rule suite's CPU time per interaction on one thread, over every real interaction of a
 * traffic directory: {@code java -cp benchmarks/target/benchmarks.jar
 * org.alignmentmonitor.benchmarks.RuleSuiteCpuTime [traffic dir] [warm-up passes] [measured passes]}.
 * On a machine shared with other builds JMH's throughput moves with the load (the thread waits for a
 * core); the thread's own CPU time moves far less, so before/after comparisons use this figure.
 * A fourth argument {@code per-rule} also prints each classifier's CPU time within the suite, in the
 * suite's order (work the rules share, such as a text's word index, counts for the first rule that
 * asks for it); reading the clock around every classifier adds its own cost to those figures.
 */
public final class RuleSuiteCpuTime {

    private RuleSuiteCpuTime() {}

    public static void main(String[] args) throws IOException {
        Path traffic = Path.of(args.length > 0 ? args[0] : "testdata/traffic");
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        AvroTrust.install();
        List<Interaction> interactions = RealTraffic.load(traffic);
        ClassifierSuite suite = ClassifierSuite.defaults();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int pass = 0; pass < warmUp; pass++) {
            sink += run(suite, interactions);
        }
        for (int pass = 0; pass < passes; pass++) {
            long cpu = threads.getCurrentThreadCpuTime();
            sink += run(suite, interactions);
            double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / interactions.size();
            System.out.printf("pass %d: %.1f µs CPU per interaction = %,.0f interactions per CPU-second%n",
                    pass + 1, micros, 1e6 / micros);
        }
        System.out.println("(flagged " + sink + ")");
        if (args.length > 3 && args[3].equals("per-rule")) {
            perRule(suite, interactions, threads);
        }
    }

    private static void perRule(ClassifierSuite suite, List<Interaction> interactions, ThreadMXBean threads) {
        List<Classifier> classifiers = suite.classifiers();
        long[] nanos = new long[classifiers.size()];
        for (Interaction interaction : interactions) {
            for (int k = 0; k < nanos.length; k++) {
                long cpu = threads.getCurrentThreadCpuTime();
                classifiers.get(k).classify(interaction);
                nanos[k] += threads.getCurrentThreadCpuTime() - cpu;
            }
        }
        for (int k = 0; k < nanos.length; k++) {
            System.out.printf("%-22s %6.1f µs CPU per interaction%n", classifiers.get(k).id(),
                    nanos[k] / 1e3 / interactions.size());
        }
    }

    private static long run(ClassifierSuite suite, List<Interaction> interactions) {
        long flagged = 0;
        for (Interaction interaction : interactions) {
            flagged += suite.judge(interaction, 0L).getFlagged() ? 1 : 0;
        }
        return flagged;
    }
}
