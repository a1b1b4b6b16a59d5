package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.alignmentmonitor.monitor.audit.AuditTrail;
import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.queue.LeaseGrants;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.review.queue.ReviewQueue;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.alignmentmonitor.monitor.config.ReviewSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review side of one monitor instance, one of any number of review replicas: rebuilds the queue from the topics and
 * follows them, every replica's lease records included, publishes labels and lease proposals, and adds the UI to the HTTP
 * server. Start it before the server so that {@link #routes} has a caught-up queue to serve.
 */
public final class ReviewRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewRuntime.class);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** A lease proposal normally comes back in one producer-to-consumer round trip; past this the labeller asks again. */
    private static final Duration LEASE_CONFIRM = Duration.ofSeconds(10);

    private final ReviewService service;
    private final ReviewWeb web;
    private final LabelPublisher publisher;
    private final LeasePublisher leases;
    private final ReviewFeed<?, ?> feed;

    private ReviewRuntime(ReviewService service, ReviewWeb web, LabelPublisher publisher, LeasePublisher leases,
                          ReviewFeed<?, ?> feed) {
        this.service = service;
        this.web = web;
        this.publisher = publisher;
        this.leases = leases;
        this.feed = feed;
    }

    /** Null when review is disabled; see {@link #routesOf}. */
    public static ReviewRuntime start(MonitorConfig config, Map<String, Object> clientConfig, MonitorTopics topics, int httpPort,
                                      Tails tails, AuditTrail audit) throws InterruptedException {
        ReviewSettings settings = config.review();
        if (!settings.enabled()) {
            return null;
        }
        UserDirectory users = config.access().enabled() ? UserDirectory.load(config.access().usersFile())
                : settings.usersFile() != null ? UserDirectory.load(settings.usersFile()) : demoUsers(config.httpHost(), httpPort);
        return start(settings.queue(config.applicationId()), settings, users, clientConfig, topics,
                Names.reviewLeasesTopic(config.applicationId()), tails, audit);
    }

    /** Starts on explicit users: the entry point of tests. */
    public static ReviewRuntime start(QueueSettings queueSettings, ReviewSettings settings,
                                      UserDirectory users, Map<String, Object> clientConfig, MonitorTopics topics,
                                      String leasesTopic, Tails tails) throws InterruptedException {
        return start(queueSettings, settings, users, clientConfig, topics, leasesTopic, tails, AuditTrail.NONE);
    }

    /** Starts on explicit users, recording every label given through the UI on {@code audit}. */
    public static ReviewRuntime start(QueueSettings queueSettings, ReviewSettings settings, UserDirectory users,
                                      Map<String, Object> clientConfig, MonitorTopics topics, String leasesTopic, Tails tails,
                                      AuditTrail audit) throws InterruptedException {
        LabelPublisher publisher = new LabelPublisher(clientConfig, topics.labels());
        LeasePublisher leases = new LeasePublisher(clientConfig, leasesTopic);
        ReviewFeed<?, ?> feed = null;
        ReviewService service = null;
        try {
            ReviewQueue queue = new ReviewQueue(queueSettings, System::currentTimeMillis, new Random());
            // Proposal ids must differ between live replicas: a fresh random id per process.
            LeaseGrants grants = new LeaseGrants(queue, leases, LEASE_CONFIRM, UserDirectory.newToken().substring(0, 12));
            service = new ReviewService(queue, grants, users, LabellingManual.bundled(),
                    GoldItems.load(settings.goldFile()), publisher, audit, System::currentTimeMillis);
            feed = new ReviewFeed<>(clientConfig, topics.reviewTasks().name(), topics.reviewTasks().valueSerde().deserializer(),
                    topics.labels().name(), topics.labels().valueSerde().deserializer(), leasesTopic, service, leases, tails);
            if (!feed.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("the review queue could not catch up with its topics within " + CATCH_UP + " (see the log)");
            }
            LOG.info("Review queue rebuilt: {}", queue.depth());
            if (settings.sessionKey() == null) {
                // Fine for one review process (the default, and `all`); several replicas need one shared key.
                LOG.info("No monitor.review.session.key: review sessions are signed with a key of this process only; "
                        + "with several review replicas, set one shared key");
            }
            Sessions sessions = Sessions.of(settings.sessionKey(), users, System::currentTimeMillis);
            return new ReviewRuntime(service, new ReviewWeb(service, users, sessions), publisher, leases, feed);
        } catch (RuntimeException | InterruptedException e) {
            if (feed != null) {
                feed.close();
            }
            if (service != null) {
                service.close();
            }
            publisher.close();
            leases.close();
            throw e;
        }
    }

    private static UserDirectory demoUsers(String host, int port) {
        Map<ReviewUser, String> tokens = new LinkedHashMap<>();
        tokens.put(new ReviewUser("demo-labeller", Role.LABELLER), UserDirectory.newToken());
        tokens.put(new ReviewUser("demo-lead", Role.LEAD), UserDirectory.newToken());
        LOG.warn("No monitor.review.users.file: created demo review users for this run only. Review UI: http://{}:{}/review/login", host, port);
        tokens.forEach((user, token) -> LOG.warn("  {} ({}) token: {}", user.name(), user.role(), token));
        return UserDirectory.of(tokens);
    }

    /** The routes to add to the HTTP server; nothing when review is disabled. */
    public static void routesOf(ReviewRuntime review, JavalinConfig config) {
        if (review != null) {
            review.web.register(config);
        }
    }

    /** Queue depth, oldest waiting age and open adjudications as gauges, for on-call. */
    public void bindMetrics(MeterRegistry registry) {
        ReviewQueue queue = service().queue();
        Gauge.builder("alignment_monitor_review_queue_items", queue, q -> q.depth().waiting())
                .description("Review items waiting for a label").register(registry);
        Gauge.builder("alignment_monitor_review_queue_leased_items", queue, q -> q.depth().leased())
                .description("Review items currently leased to a labeller").register(registry);
        Gauge.builder("alignment_monitor_review_adjudications", queue, q -> q.depth().adjudications())
                .description("Open adjudication cases").register(registry);
        Gauge.builder("alignment_monitor_review_oldest_item_age_seconds", queue, q -> {
                    long oldest = q.depth().oldestEnqueuedAt();
                    return oldest < 0 ? 0 : (System.currentTimeMillis() - oldest) / 1000.0;
                })
                .description("Age of the oldest review item still waiting").register(registry);
    }

    /** The review UI's logged-in user of a request: lets a browser session reach the pages auth protects. */
    public static Optional<ReviewUser> sessionUserOf(ReviewRuntime review, Context ctx) {
        return review == null ? Optional.empty() : review.web.sessionUser(ctx);
    }

    public ReviewService service() {
        return service;
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        publisher.close();
        leases.close();
        service.close();
    }
}
