package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.Javalin;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.config.ReviewSettings;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.alignmentmonitor.review.sampling.InclusionHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review queue on the real in-process broker: two replicas of one application, labellers asking one replica for
 * items and labelling on the other, then a restart that rebuilds from the topics. No item is leased past its need, a
 * session opened on one replica works on the other, and every label counts once.
 */
class ReviewQueueIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewQueueIT.class);
    private static final int ITEMS = 80;
    private static final int LABELLERS = 6;
    private static final QueueSettings SETTINGS = new QueueSettings(Duration.ofMinutes(10), 0.3, 0.0, "review-it");
    private static final ReviewSettings SHARED_KEY = ReviewSettings.defaults().withSessionKey("review-it-session-key-of-32-bytes!");
    private static final Duration SEEN = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private final Map<ReviewUser, String> tokens = new LinkedHashMap<>();
    /** Per labeller, every item they labelled, across both runs. */
    private final Map<String, Set<String>> labelled = new ConcurrentHashMap<>();
    /** Per item, every labeller a replica granted it to. */
    private final Map<String, Set<String>> granted = new ConcurrentHashMap<>();
    private final List<Long> grantMicros = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger saved = new AtomicInteger();

    @Test
    void shouldNeverLeaseAnItemPastItsNeedNorCountALabelTwiceAcrossTwoReplicasAndARestart() throws Exception {
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

            try (ReviewRuntime a = harness.startReview(users, SETTINGS, SHARED_KEY);
                 ReviewRuntime b = harness.startReview(users, SETTINGS, SHARED_KEY)) {
                sessionOpenedOnOneReplicaWorksOnTheOther(a, b);
                labelConcurrently(List.of(a.service(), b.service()), 8);
                await().atMost(SEEN).untilAsserted(() -> {
                    assertThat(a.service().queue().firstLabels()).as("replica A counts each label once").hasSize(saved.get());
                    assertThat(b.service().queue().firstLabels()).as("replica B counts each label once").hasSize(saved.get());
                });
            }
            int beforeRestart = saved.get();
            assertThat(harness.labels()).hasSize(beforeRestart);
            List<Long> sorted = grantMicros.stream().sorted().toList();
            LOG.info("Lease grants confirmed through the log: {}, median {} µs, p90 {} µs, max {} µs", sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() - 1));

            try (ReviewRuntime second = harness.startReview(users, SETTINGS)) {
                ReviewService service = second.service();
                assertThat(service.queue().firstLabels()).hasSize(beforeRestart);
                labelConcurrently(List.of(service), Integer.MAX_VALUE);
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
            // Every item got exactly the labellers it needs, and was never leased to more.
            Map<String, Set<String>> labellersPerItem = new LinkedHashMap<>();
            onTopic.forEach(l -> labellersPerItem.computeIfAbsent(l.getInteractionId(), k -> ConcurrentHashMap.newKeySet()).add(l.getLabeller()));
            assertThat(labellersPerItem).hasSize(ITEMS);
            labellersPerItem.forEach((id, who) -> {
                assertThat(who).as("labellers of %s", id).hasSize(required(id));
                assertThat(granted.get(id)).as("leases of %s", id).hasSizeLessThanOrEqualTo(required(id));
            });
        }
    }

    private static int required(String itemId) {
        return InclusionHash.uniform(SETTINGS.salt(), itemId) < SETTINGS.doubleFraction() ? 2 : 1;
    }

    /** Logs in on A, then on B asks for an item with A's cookie and CSRF token; A shows that item to its holder. */
    private void sessionOpenedOnOneReplicaWorksOnTheOther(ReviewRuntime a, ReviewRuntime b) throws Exception {
        Javalin serverA = serve(a);
        Javalin serverB = serve(b);
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            Map.Entry<ReviewUser, String> user = tokens.entrySet().iterator().next();
            HttpResponse<String> login = http.send(form(serverA, "/review/login", null, "token=" + user.getValue()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(url(serverB, "/review")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("replica B knows A's session").isEqualTo(200);
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();

            HttpResponse<String> next = http.send(form(serverB, "/review/next", cookie,
                    "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(303);
            String itemPath = next.headers().firstValue("Location").orElseThrow();
            assertThat(itemPath).startsWith("/review/item/");
            granted.computeIfAbsent(itemPath.substring("/review/item/".length()), k -> ConcurrentHashMap.newKeySet()).add(user.getKey().name());
            await().atMost(SEEN).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(url(serverA, itemPath))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("replica A shows the item B leased").isEqualTo(200));
        } finally {
            serverA.stop();
            serverB.stop();
        }
    }

    private static Javalin serve(ReviewRuntime review) {
        return Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            ReviewRuntime.routesOf(review, config);
        }).start();
    }

    private static URI url(Javalin server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpRequest form(Javalin server, String path, String cookie, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(server, path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return (cookie == null ? request : request.header("Cookie", cookie)).build();
    }

    /**
     * Each labeller takes items until the queue has none left for them or they reach {@code perLabeller}, asking one replica
     * and labelling on the next (the label waits until that replica has read the lease).
     */
    private void labelConcurrently(List<ReviewService> replicas, int perLabeller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LABELLERS);
        List<Future<?>> done = new ArrayList<>();
        int offset = 0;
        for (ReviewUser user : tokens.keySet()) {
            int start = offset++;
            done.add(pool.submit(() -> {
                Set<String> mine = labelled.computeIfAbsent(user.name(), k -> ConcurrentHashMap.newKeySet());
                for (int n = 0; n < perLabeller; n++) {
                    ReviewService asked = replicas.get((start + n) % replicas.size());
                    ReviewService labelling = replicas.get((start + n + 1) % replicas.size());
                    long began = System.nanoTime();
                    Optional<Assignment> next = asked.next(user);
                    if (next.isEmpty()) {
                        break;
                    }
                    String item = next.get().itemId();
                    if (granted.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet()).add(user.name())) {
                        grantMicros.add((System.nanoTime() - began) / 1_000);
                    }
                    assertThat(mine.add(item)).as("%s given %s twice", user.name(), item).isTrue();
                    Judgment judgment = Judgment.values()[Math.floorMod(item.hashCode(), 2) + 1];
                    LabelInput input = new LabelInput(item, judgment, List.of(), "");
                    await().atMost(SEEN).pollInterval(Duration.ofMillis(20))
                            .untilAsserted(() -> assertThat(labelling.submit(user, input)).isEqualTo(ReviewService.Outcome.SAVED));
                    // A double click: the same label again publishes nothing.
                    assertThat(labelling.submit(user, input)).isEqualTo(ReviewService.Outcome.UNCHANGED);
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
