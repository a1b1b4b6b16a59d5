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
 * <classes or jar A> <classes or jar B> [rounds] [traffic dir] [per-rule | rule id]}: with per-rule, each rule's
 * share of the suite is timed too; with a rule id, that rule of the default suite runs alone (with the shared work it
 * asks for), so a change to one rule is not lost in the whole suite's noise. Each build's classifiers classes
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
            System.err.println("usage: RuleSuiteAB <classifiers A> <classifiers B> [rounds] [traffic dir] [per-rule | rule id]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        AvroTrust.install();
        List<Interaction> interactions = RealTraffic.load(Path.of(args.length > 3 ? args[3] : "testdata/traffic"));
        boolean perRule = args.length > 4 && args[4].equals("per-rule");
        String rule = args.length > 4 && !perRule ? args[4] : null;
        Suite[] suites = {Suite.load(Path.of(args[0]), rule), Suite.load(Path.of(args[1]), rule)};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] micros = new double[2][rounds];
        // Per rule (option per-rule): each classifier's CPU time, summed over the measured rounds, as in
        // RuleSuiteCpuTime's per-rule mode (shared work is charged to the first rule that asks).
        long[][] ruleNanos = new long[2][suites[0].classifiers().size()];
        long[] flagged = new long[2];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int k = (round & 1) == 0 ? turn : 1 - turn;
                long cpu = threads.getCurrentThreadCpuTime();
                flagged[k] = perRule ? suites[k].runPerRule(interactions, threads, round >= 0 ? ruleNanos[k] : null)
                        : suites[k].run(interactions);
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
        if (perRule) {
            List<?> classifiers = suites[0].classifiers();
            for (int r = 0; r < classifiers.size(); r++) {
                double a = ruleNanos[0][r] / 1e3 / interactions.size() / rounds;
                double b = ruleNanos[1][r] / 1e3 / interactions.size() / rounds;
                System.out.printf("%-22s A %6.2f  B %6.2f µs CPU per interaction  B/A %.3f%n",
                        Suite.id(classifiers.get(r)), a, b, b / a);
            }
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ratios[round] = micros[1][round] / micros[0][round];
        }
        Arrays.sort(ratios);
        System.out.printf("B/A per round: median %.3f (min %.3f, max %.3f)%n", ratios[rounds / 2], ratios[0],
                ratios[rounds - 1]);
    }

    /**
     * One build's default suite, or one rule of it (then {@code rule} is set), called through reflection: its classes
     * are not this class loader's.
     */
    private record Suite(Object suite, Method judge, Method classifiersOf, Object rule, Method classify) {

        static Suite load(Path classes, String ruleId) throws ReflectiveOperationException, IOException {
            ClassLoader loader = new ChildFirst(classes.toUri().toURL(), RuleSuiteAB.class.getClassLoader());
            Class<?> type = loader.loadClass("org.alignmentmonitor.classifiers.ClassifierSuite");
            Object suite = type.getMethod("defaults").invoke(null);
            Method judge = type.getMethod("judge", Interaction.class, long.class);
            Method classifiersOf = type.getMethod("classifiers");
            if (ruleId == null) {
                return new Suite(suite, judge, classifiersOf, null, null);
            }
            Class<?> classifier = loader.loadClass("org.alignmentmonitor.classifiers.Classifier");
            for (Object c : (List<?>) classifiersOf.invoke(suite)) {
                if (ruleId.equals(classifier.getMethod("id").invoke(c))) {
                    return new Suite(suite, judge, classifiersOf, c, classifier.getMethod("classify", Interaction.class));
                }
            }
            throw new IllegalArgumentException("no classifier " + ruleId + " in the default suite");
        }

        List<?> classifiers() throws ReflectiveOperationException {
            return (List<?>) classifiersOf.invoke(suite);
        }

        static String id(Object classifier) throws ReflectiveOperationException {
            return (String) classifier.getClass().getMethod("id").invoke(classifier);
        }

        /** Each classifier in turn on each interaction, its CPU time added to {@code nanos} (unless null). */
        long runPerRule(List<Interaction> interactions, ThreadMXBean threads, long[] nanos)
                throws ReflectiveOperationException {
            List<?> rules = classifiers();
            Method[] classify = new Method[rules.size()];
            for (int r = 0; r < classify.length; r++) {
                classify[r] = rules.get(r).getClass().getMethod("classify", Interaction.class);
            }
            Method flaggedOf = classify[0].getReturnType().getMethod("getFlagged");
            long flagged = 0;
            for (Interaction interaction : interactions) {
                for (int r = 0; r < classify.length; r++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    Object result = classify[r].invoke(rules.get(r), interaction);
                    if (nanos != null) {
                        nanos[r] += threads.getCurrentThreadCpuTime() - cpu;
                    }
                    flagged += (Boolean) flaggedOf.invoke(result) ? 1 : 0;
                }
            }
            return flagged; // flagged results of all rules, not flagged interactions
        }

        /** Flagged interactions (the suite), or interactions scored (one rule). */
        long run(List<Interaction> interactions) throws ReflectiveOperationException {
            long flagged = 0;
            for (Interaction interaction : interactions) {
                if (rule != null) {
                    classify.invoke(rule, interaction);
                    flagged++;
                } else {
                    flagged += ((Verdict) judge.invoke(suite, interaction, 0L)).getFlagged() ? 1 : 0;
                }
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
