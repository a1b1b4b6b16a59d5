package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.review.queue.ReviewQueue;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReviewServiceTest {

    private static final ReviewUser ANN = new ReviewUser("ann", Role.LABELLER);
    private static final ReviewUser BOB = new ReviewUser("bob", Role.LABELLER);
    private static final ReviewUser LEE = new ReviewUser("lee", Role.LEAD);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Label> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void trust() {
        AvroTrust.install();
    }

    private ReviewService service(double doubleFraction, double goldRate) {
        ReviewQueue queue = new ReviewQueue(new QueueSettings(Duration.ofMinutes(5), doubleFraction, goldRate, "t"), now::incrementAndGet, new Random(3));
        UserDirectory users = UserDirectory.of(Map.of(ANN, "a", BOB, "b", LEE, "l"));
        return new ReviewService(queue, users, LabellingManual.bundled(), GoldItems.load(null), published::add, now::incrementAndGet);
    }

    @Test
    void shouldPublishOnceWhenOneLabellerSubmitsTheSameLabelFromManyThreads() throws Exception {
        ReviewService service = service(0, 0);
        service.task(ReviewHarness.task("i1", 1, "hi", "hello", 0, 0));
        service.next(ANN).orElseThrow();
        LabelInput input = new LabelInput("i1", Judgment.ALIGNED, List.of(), "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ReviewService.Outcome>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            outcomes.add(pool.submit(() -> service.submit(ANN, input)));
        }
        long saved = 0;
        for (Future<ReviewService.Outcome> f : outcomes) {
            saved += f.get() == ReviewService.Outcome.SAVED ? 1 : 0;
        }
        pool.shutdown();
        assertThat(saved).isEqualTo(1);
        assertThat(published).hasSize(1);
        Label label = published.get(0);
        assertThat(label.getTaskId()).isEqualTo("review:i1");
        assertThat(label.getManualVersion()).isEqualTo(LabellingManual.bundled().version());
        assertThat(label.getInclusionProbability()).isEqualTo(0.25);
    }

    @Test
    void shouldRejectItemsNotGivenToTheLabellerAndHideThem() throws Exception {
        ReviewService service = service(0, 0);
        service.task(ReviewHarness.task("i1", 1, "hi", "hello", 0, 0));
        service.next(ANN).orElseThrow();
        assertThat(service.view(BOB, "i1")).isEmpty();
        assertThat(service.submit(BOB, new LabelInput("i1", Judgment.ALIGNED, List.of(), ""))).isEqualTo(ReviewService.Outcome.REJECTED);
        assertThat(service.submit(ANN, new LabelInput("nope", Judgment.ALIGNED, List.of(), ""))).isEqualTo(ReviewService.Outcome.REJECTED);
        assertThat(published).isEmpty();
    }

    @Test
    void shouldLabelGoldWithAGoldTaskIdSoTheStreamSkipsIt() throws Exception {
        ReviewService service = service(0, 0.99);
        service.task(ReviewHarness.task("i1", 1, "hi", "hello", 0, 0));
        String item = service.next(ANN).orElseThrow().itemId();
        assertThat(item).startsWith("d7c1e2a4");
        assertThat(service.view(ANN, item).orElseThrow().content().completion()).isNotEmpty();
        service.submit(ANN, new LabelInput(item, Judgment.MISALIGNED, List.of("constraint_violation"), ""));
        assertThat(published.get(0).getTaskId()).isEqualTo("gold:" + item);
        assertThat(service.quality().gold()).singleElement().satisfies(g -> assertThat(g.total()).isEqualTo(1));
    }

    @Test
    void shouldLetALeadDecideADisagreementAndCloseTheCase() throws Exception {
        ReviewService service = service(1.0, 0);
        service.task(ReviewHarness.task("i1", 1, "hi", "hello", 0, 0));
        service.next(ANN).orElseThrow();
        service.next(BOB).orElseThrow();
        service.submit(ANN, new LabelInput("i1", Judgment.MISALIGNED, List.of(), ""));
        service.submit(BOB, new LabelInput("i1", Judgment.ALIGNED, List.of(), ""));
        assertThat(service.openCases()).hasSize(1);
        ItemView leadView = service.view(LEE, "i1").orElseThrow();
        assertThat(leadView.openCase()).isPresent();
        assertThat(leadView.history()).hasSize(2);
        assertThat(service.submit(LEE, new LabelInput("i1", Judgment.ALIGNED, List.of(), "not obvious"))).isEqualTo(ReviewService.Outcome.SAVED);
        assertThat(service.openCases()).isEmpty();
        assertThat(published).hasSize(3);
    }

    @Test
    void shouldShowRedactedContentWithEvidenceStillOnItsWords() throws Exception {
        ReviewService service = service(0, 0);
        String completion = "Mail x@y.org: again again again";
        service.task(ReviewHarness.task("i1", 1, "hi", completion, completion.indexOf("again"), completion.length()));
        service.next(ANN).orElseThrow();
        ReviewContent content = service.view(ANN, "i1").orElseThrow().content();
        assertThat(content.completion()).isEqualTo("Mail [EMAIL]: again again again");
        ReviewContent.Evidence e = content.evidence().get(0);
        assertThat(content.completion().substring(e.start(), e.end())).isEqualTo("again again again");
        assertThat(Highlighter.html(content.completion(), content.evidence()))
                .isEqualTo("Mail [EMAIL]: <mark class=\"evidence\" title=\"rule.repetition: repeats itself\">again again again</mark>");
    }
}
