package org.alignmentmonitor.monitor.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dashboard's view of a scaled-out monitor: on a fixed schedule, asks every live streams instance for
 * every version's rate and checks each answer as it comes. An answer is either 503 (the version's
 * statistics are moving between instances) or a count that never exceeds the version's lines and never
 * goes down, whichever instance answered; anything else is kept as a wrong answer. Each round (every
 * instance asked about every version once) is timed, so the test can tell when all versions were
 * answered again after a kill and when the final totals were reached.
 */
final class RatePoller implements AutoCloseable {

    /** One round: when it started and ended, whether every answer was a count, and whether every count was final. */
    record Round(long startNanos, long endNanos, boolean allAnswered, boolean allFinal) {
    }

    /** A 503: when it came, from which instance, for which version, and why. */
    record Unavailable(long atNanos, String instance, String version, String reason) {
    }

    private final Map<String, Long> truth;
    private final Map<String, MonitorHttp> live = new ConcurrentHashMap<>();
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final List<Unavailable> unavailable = new CopyOnWriteArrayList<>();
    private final List<String> wrong = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-poller");
        t.setDaemon(true);
        return t;
    });

    /** @param truth lines per "model:version": no answer may exceed them */
    RatePoller(Map<String, Long> truth, Map<String, MonitorHttp> instances) {
        this.truth = Map.copyOf(truth);
        this.live.putAll(instances);
    }

    /** Starts asking; a round begins {@code delayMs} after the previous one ended. */
    RatePoller start(long delayMs) {
        schedule.scheduleWithFixedDelay(this::round, 0, delayMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** No longer asks {@code instance}, from the next round on: called before it is killed. */
    void drop(String instance) {
        live.remove(instance);
    }

    private void round() {
        long start = System.nanoTime();
        boolean allAnswered = true;
        boolean allFinal = true;
        for (Map.Entry<String, MonitorHttp> instance : new TreeMap<>(live).entrySet()) {
            for (Map.Entry<String, Long> version : new TreeMap<>(truth).entrySet()) {
                Optional<Long> count = ask(instance.getKey(), instance.getValue(), version.getKey());
                allAnswered &= count.isPresent();
                allFinal &= count.isPresent() && count.get().equals(version.getValue());
            }
        }
        rounds.add(new Round(start, System.nanoTime(), allAnswered, allFinal));
    }

    /** The count answered, empty on a 503; a wrong answer is recorded. */
    private Optional<Long> ask(String instance, MonitorHttp http, String version) {
        String[] mv = version.split(":", 2);
        MonitorHttp.Response answer;
        try {
            answer = http.get("/api/v1/rates?model=" + mv[0] + "&version=" + mv[1]);
        } catch (Exception e) {
            wrong.add(instance + " " + version + ": no answer from a live instance: " + e);
            return Optional.empty();
        }
        if (answer.status() == 503) {
            unavailable.add(new Unavailable(System.nanoTime(), instance, version, answer.body().path("error").asText("")));
            return Optional.empty();
        }
        long count = answer.body().path("interactions").asLong(-1);
        if (answer.status() != 200 || count < 0) {
            wrong.add(instance + " " + version + ": status " + answer.status() + " " + answer.body());
            return Optional.empty();
        }
        if (count > truth.get(version)) {
            wrong.add(instance + " " + version + ": " + count + " interactions, more than the " + truth.get(version) + " lines");
        }
        long before = highest.getOrDefault(version, 0L);
        if (count < before) {
            wrong.add(instance + " " + version + ": " + count + " interactions after " + before + " had been answered");
        }
        highest.merge(version, count, Math::max);
        return Optional.of(count);
    }

    /** Highest count answered per version so far. */
    Map<String, Long> highest() {
        return Map.copyOf(highest);
    }

    List<String> wrongAnswers() {
        return List.copyOf(wrong);
    }

    List<Unavailable> unavailable() {
        return List.copyOf(unavailable);
    }

    /** Rounds started at or after {@code nanos}, in order. */
    List<Round> roundsSince(long nanos) {
        List<Round> since = new ArrayList<>();
        for (Round r : rounds) {
            if (r.startNanos() >= nanos) {
                since.add(r);
            }
        }
        return since;
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdownNow();
        schedule.awaitTermination(30, TimeUnit.SECONDS);
    }
}
