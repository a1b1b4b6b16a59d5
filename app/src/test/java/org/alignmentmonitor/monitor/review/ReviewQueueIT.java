package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue on the real in-process broker: concurrent labellers, then a restart that rebuilds from the topics. */
class ReviewQueueIT {

    private static final int ITEMS = 80;
    private static final int LABELLERS = 6;
    private static final QueueSettings SETTINGS = new QueueSettings(Duration.ofMinutes(10), 0.3, 0.0, "review-it");

    @TempDir
    Path dataDir;

    private final Map<ReviewUser, String> tokens = new LinkedHashMap<>();
    /** Per labeller, every item they labelled, across both runs. */
    private final Map<String, Set<String>> labelled = new ConcurrentHashMap<>();
    private final AtomicInteger saved = new AtomicInteger();

    @Test
    void shouldLoseNoLabelAndNeverGiveAnItemTwiceToOneLabellerAcrossConcurrencyAndARestart() throws Exception {
        for (int i = 0; i < LABELLERS; i++) {
            tokens.put(new ReviewUser("labeller-" + i, Role.LABELLER), "token-" + i);
        }
        UserDirectory users = UserDirectory.of(tokens);
        try (ReviewHarness harness = new ReviewHarness(dataDir)) {
            List<ReviewTask> tasks = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                tasks.add(ReviewHarness.task("it-" + i, 1_000L + i, "Say hi", "hi hi hi", 0, 5));
            }
            harness.publish(tasks);

            try (ReviewRuntime first = harness.startReview(users, SETTINGS)) {
                labelConcurrently(first.service(), 8);
            }
            int beforeRestart = saved.get();
            assertThat(harness.labels()).hasSize(beforeRestart);

            try (ReviewRuntime second = harness.startReview(users, SETTINGS)) {
                ReviewService service = second.service();
                assertThat(service.queue().firstLabels()).hasSize(beforeRestart);
                labelConcurrently(service, Integer.MAX_VALUE);
                assertThat(service.queue().depth().waiting()).isZero();

                // A correction after the restart: the latest counts, the history keeps both.
                ReviewUser ann = tokens.keySet().iterator().next();
                String item = labelled.get(ann.name()).iterator().next();
                LabelEvent before = service.queue().latest(item, ann.name()).orElseThrow();
                Judgment other = before.judgment() == Judgment.ALIGNED ? Judgment.AMBIGUOUS : Judgment.ALIGNED;
                assertThat(service.submit(ann, new LabelInput(item, other, List.of(), "second look"))).isEqualTo(ReviewService.Outcome.SAVED);
                assertThat(service.queue().latest(item, ann.name()).orElseThrow().judgment()).isEqualTo(other);
                assertThat(service.queue().history(item).stream().filter(e -> e.labeller().equals(ann.name()))).hasSize(2);
            }

            List<Label> onTopic = harness.labels();
            assertThat(onTopic).hasSize(saved.get() + 1);
            long pairs = onTopic.stream().map(l -> l.getInteractionId() + "/" + l.getLabeller()).distinct().count();
            assertThat(pairs).isEqualTo(saved.get());
            assertThat(onTopic).allSatisfy(l -> {
                assertThat(l.getTaskId()).isEqualTo("review:" + l.getInteractionId());
                assertThat(l.getManualVersion()).isEqualTo("1.2");
                assertThat(l.getInclusionProbability()).isEqualTo(0.25);
            });
            // Every item got its one or two labellers, none more.
            Map<String, Long> perItem = new LinkedHashMap<>();
            onTopic.forEach(l -> perItem.merge(l.getInteractionId(), 1L, Long::sum));
            assertThat(perItem).hasSize(ITEMS);
        }
    }

    /** Each labeller takes items until the queue has none left for them or they reach {@code perLabeller}. */
    private void labelConcurrently(ReviewService service, int perLabeller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LABELLERS);
        List<Future<?>> done = new ArrayList<>();
        for (ReviewUser user : tokens.keySet()) {
            done.add(pool.submit(() -> {
                Set<String> mine = labelled.computeIfAbsent(user.name(), k -> ConcurrentHashMap.newKeySet());
                for (int n = 0; n < perLabeller; n++) {
                    Optional<Assignment> next = service.next(user);
                    if (next.isEmpty()) {
                        break;
                    }
                    String item = next.get().itemId();
                    assertThat(mine.add(item)).as("%s given %s twice", user.name(), item).isTrue();
                    Judgment judgment = Judgment.values()[Math.floorMod(item.hashCode(), 2) + 1];
                    LabelInput input = new LabelInput(item, judgment, List.of(), "");
                    assertThat(service.submit(user, input)).isEqualTo(ReviewService.Outcome.SAVED);
                    // A double click: the same label again publishes nothing.
                    assertThat(service.submit(user, input)).isEqualTo(ReviewService.Outcome.UNCHANGED);
                    saved.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
