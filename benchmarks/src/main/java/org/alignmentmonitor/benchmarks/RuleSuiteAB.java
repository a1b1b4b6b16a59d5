package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.schemas.AvroTrust;

/**
 * Two builds of the rule suite in one JVM, their passes interleaved, so both see the same machine:
 * {@code java -cp benchmarks/target/benchmarks.jar org.alignmentmonitor.benchmarks.RuleSuiteAB
 * <classes or jar A> <classes or jar B> [rounds] [traffic dir] [rule id]}; with a rule id, that rule
 * of the default suite runs alone (with the shared work it asks for), so a change to one rule is not lost in
 * the whole suite's noise. Each build's classifiers classes
 * are loaded child-first from its own location (everything else is shared), and each round runs
 * one pass of A and one of B over the traffic, alternating which goes first. On the shared
 * development machine a pass's CPU time moves by ±15% with other builds' load; rounds measured side
 * by side move together, so the per-round ratio B/A is the figure to compare.
 */
public final class RuleSuiteAB {

    private static final int WARM_UP_ROUNDS = 2;

    private RuleSuiteAB() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RuleSuiteAB <classifiers A> <classifiers B> [rounds] [traffic dir] [rule id]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        AvroTrust.install();
        List<Interaction> interactions = RealTraffic.load(Path.of(args.length > 3 ? args[3] : "testdata/traffic"));
        String rule = args.length > 4 ? args[4] : null;
        Suite[] suites = {Suite.load(Path.of(args[0]), rule), Suite.load(Path.of(args[1]), rule)};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] micros = new double[2][rounds];
        long[] flagged = new long[2];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int k = (round & 1) == 0 ? turn : 1 - turn;
                long cpu = threads.getCurrentThreadCpuTime();
                flagged[k] = suites[k].run(interactions);
                double perInteraction = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / interactions.size();
                if (round >= 0) {
                    micros[k][round] = perInteraction;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] sorted = micros[k].clone();
            Arrays.sort(sorted);
            System.out.printf("%s: median %.1f µs CPU per interaction (min %.1f, max %.1f), flagged %d%n",
                    k == 0 ? "A" : "B", sorted[rounds / 2], sorted[0], sorted[rounds - 1], flagged[k]);
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ratios[round] = micros[1][round] / micros[0][round];
        }
        Arrays.sort(ratios);
        System.out.printf("B/A per round: median %.3f (min %.3f, max %.3f)%n", ratios[rounds / 2], ratios[0],
                ratios[rounds - 1]);
    }

    /** One build's default suite, or one rule of it, called through reflection: its classes are not this class loader's. */
    private record Suite(Object target, Method call, boolean whole) {

        static Suite load(Path classes, String rule) throws ReflectiveOperationException, IOException {
            ClassLoader loader = new ChildFirst(classes.toUri().toURL(), RuleSuiteAB.class.getClassLoader());
            Class<?> type = loader.loadClass("org.alignmentmonitor.classifiers.ClassifierSuite");
            Object suite = type.getMethod("defaults").invoke(null);
            if (rule == null) {
                return new Suite(suite, type.getMethod("judge", Interaction.class, long.class), true);
            }
            Class<?> classifier = loader.loadClass("org.alignmentmonitor.classifiers.Classifier");
            for (Object c : (List<?>) type.getMethod("classifiers").invoke(suite)) {
                if (rule.equals(classifier.getMethod("id").invoke(c))) {
                    return new Suite(c, classifier.getMethod("classify", Interaction.class), false);
                }
            }
            throw new IllegalArgumentException("no classifier " + rule + " in the default suite");
        }

        /** Flagged interactions (the suite), or interactions scored (a rule). */
        long run(List<Interaction> interactions) throws ReflectiveOperationException {
            long flagged = 0;
            for (Interaction interaction : interactions) {
                Object result = whole ? call.invoke(target, interaction, 0L) : call.invoke(target, interaction);
                flagged += !whole || ((Verdict) result).getFlagged() ? 1 : 0;
            }
            return flagged;
        }
    }

    /** Loads the classifiers module's classes and resources from its own location first. */
    private static final class ChildFirst extends URLClassLoader {
        private static final String OWN = "org.alignmentmonitor.classifiers.";

        ChildFirst(URL location, ClassLoader parent) {
            super(new URL[] {location}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(OWN)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
