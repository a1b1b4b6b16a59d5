package org.alignmentmonitor.monitor.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.javalin.config.JavalinConfig;
import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.alerts.webhook.DeliveryPolicy;

import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.access.AccessControl;
import org.alignmentmonitor.monitor.alerting.AlertingRuntime;
import org.alignmentmonitor.avro.AuditEvent;
import org.alignmentmonitor.monitor.api.AuditApi;
import org.alignmentmonitor.monitor.api.CertificatesApi;
import org.alignmentmonitor.monitor.api.ExportApi;
import org.alignmentmonitor.monitor.api.ProcessApi;
import org.alignmentmonitor.monitor.api.StatsApi;
import org.alignmentmonitor.monitor.audit.AuditKind;
import org.alignmentmonitor.monitor.audit.AuditLog;
import org.alignmentmonitor.monitor.audit.ConfigAudit;
import org.alignmentmonitor.monitor.certificates.CertificateIssuer;
import org.alignmentmonitor.monitor.certificates.CertificateLog;
import org.alignmentmonitor.monitor.certificates.Provenance;
import org.alignmentmonitor.monitor.certificates.SigningKey;
import org.alignmentmonitor.monitor.config.IngestConfig;
import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.dashboard.DashboardRoutes;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.embedded.Ports;
import org.alignmentmonitor.monitor.ingest.HttpIngest;
import org.alignmentmonitor.monitor.judging.JudgeWorker;
import org.alignmentmonitor.monitor.otlp.OtlpReceiver;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.review.ReviewRuntime;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.runtime.tail.Backoff;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig;
import org.alignmentmonitor.schemas.registry.RestSchemaRegistryClient;
import org.alignmentmonitor.schemas.registry.SchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.alignmentmonitor.streams.app.StreamsSettings;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.query.ProcessStores;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.Topic;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.alignmentmonitor.streams.topology.TopologySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running monitor instance: the embedded broker and registry when no cluster is configured,
 * the topics, the Streams application and the HTTP API. Closed in reverse order of start.
 */
public final class MonitorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);

    private final MonitorConfig config;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry embeddedRegistry;
    private final Map<String, Object> clientConfig;
    private final SchemaRegistryClient registry;
    private final MonitorTopics topics;
    private final Admin admin;
    private MonitorStreamsApp streamsApp;
    private ApiServer api;
    private HttpIngest httpIngest;
    private ReviewRuntime review;
    private MonitorMetrics metrics;
    private RateGauges gauges;
    private AlertingRuntime alerting;
    private JudgeWorker judges;
    private Tails tails;
    private CertificateIssuer certificates;
    private AuditLog audit;
    private final Map<String, String> configDigests;
    private OtlpReceiver otlp;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MonitorRuntime(MonitorConfig config, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry embeddedRegistry,
                           Map<String, Object> clientConfig, SchemaRegistryClient registry, Admin admin,
                           Map<String, String> configDigests) {
        this.config = config;
        this.configDigests = configDigests;
        this.broker = broker;
        this.embeddedRegistry = embeddedRegistry;
        this.clientConfig = clientConfig;
        this.registry = registry;
        this.topics = MonitorSerdes.topics(config.topics(), registry);
        this.admin = admin;
    }

    /**
     * Starts Kafka (embedded unless configured), the registry and the topics; not yet the Streams app.
     * What was started is stopped again if a later step fails.
     */
    public static MonitorRuntime connect(MonitorConfig config) {
        EmbeddedKafkaBroker broker = null;
        EmbeddedSchemaRegistry embeddedRegistry = null;
        Admin admin = null;
        try {
            MonitorConfig effective = config;
            if (config.bootstrapServers().isEmpty()) {
                broker = EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"), 0);
                Map<String, String> kafka = new HashMap<>(config.kafka());
                kafka.put("bootstrap.servers", broker.bootstrapServers());
                // One local instance: after a crash its successor should not wait 45 s for the dead member to expire.
                kafka.putIfAbsent("consumer.session.timeout.ms", "10000");
                // Nor 10 s: as a static member (Streams appends the thread index) the restarted instance takes the
                // dead one's place in the group at once. Safe because the embedded broker serves this instance only.
                kafka.putIfAbsent("consumer.group.instance.id", config.applicationId() + "-embedded");
                effective = effective.withKafka(kafka);
            }
            if (!effective.registry().containsKey("schema.registry.url")) {
                if (broker == null) {
                    throw new IllegalArgumentException("schema.registry.url is required when bootstrap.servers is set");
                }
                embeddedRegistry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
                Map<String, String> registry = new HashMap<>(effective.registry());
                registry.put("schema.registry.url", embeddedRegistry.url());
                effective = effective.withRegistry(registry);
            }
            SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(effective.registry()));
            Map<String, Object> clientConfig = new HashMap<>(effective.kafka());
            admin = Admin.create(clientConfig);
            TopicProvisioner.ensure(admin, MonitorTopicSpecs.of(effective.topics(), effective.applicationId(),
                    effective.partitions(), effective.replication(),
                    effective.ingest().sources().stream().map(IngestConfig.Source::topic).toList()));
            TopicProvisioner.ensure(admin, List.of(MonitorTopicSpecs.audit(effective.access().auditTopic(), effective.replication())));
            TopicNames names = effective.topics();
            PartitionCounts.requireEqual(admin, List.of(names.interactions(), names.reviewTasks(), names.labels(), names.judgments()));
            // Digests of the configuration as given, before the embedded broker's and registry's random ports are added.
            return new MonitorRuntime(effective, broker, embeddedRegistry, clientConfig, registry, admin, ConfigAudit.digests(config));
        } catch (RuntimeException e) {
            closeQuietly(admin);
            closeQuietly(embeddedRegistry);
            closeQuietly(broker);
            throw e;
        }
    }

    /** Starts every part (the single-process product) on top of {@link #connect}. */
    public MonitorRuntime startProcessing(ClassifierSuite classifiers) throws InterruptedException {
        return startProcessing(classifiers, Role.ALL);
    }

    /** Starts the parts {@code role} runs, and the HTTP server every role has, on top of {@link #connect}. */
    public MonitorRuntime startProcessing(ClassifierSuite classifiers, Role role) throws InterruptedException {
        String advertised = config.advertisedHost() != null ? config.advertisedHost() : config.httpHost();
        // The API port must be known before Streams starts, since it is advertised for interactive queries.
        int port = config.httpPort() == 0 ? Ports.free() : config.httpPort();
        try {
            metrics = new MonitorMetrics();
            tails = new Tails(metrics.registry());
            List<Consumer<JavalinConfig>> routes = new ArrayList<>();
            if (role.runs(Role.STREAMS)) {
                streamsApp = MonitorStreamsApp.start(streamsSettings().withApplicationServer(advertised + ":" + port), topics,
                        topologySettings(classifiers), config.ingest().rawSources());
                metrics.bindStreams(streamsApp.streams());
                gauges = new RateGauges(streamsApp.stores(), metrics.registry(), Duration.ofSeconds(5));
                HostInfo self = new HostInfo(advertised, port);
                routes.add(r -> StatsApi.register(r, streamsApp, self));
                routes.add(r -> ProcessApi.register(r, streamsApp, self));
                certificates = new CertificateIssuer(SigningKey.loadOrCreate(config.certificates().keyFile(config.dataDir())),
                        Provenance.of(config.sampling().policy()),
                        new CertificateLog(clientConfig, config.certificates().topic(), admin, config.replication()), Clock.systemUTC());
                routes.add(new CertificatesApi(streamsApp.stores(), new ProcessStores(streamsApp.streams()), self, certificates)::register);
                httpIngest = new HttpIngest(config.ingest(), clientConfig, topics.interactions().name(),
                        topics.interactions().valueSerde().serializer(), metrics.registry());
                routes.add(httpIngest::register);
            }
            if (role.runs(Role.STREAMS) || role.runs(Role.ALERTS)) {
                alerting = AlertingRuntime.start(config.alerting(), clientConfig, topics.alerts(), metrics.registry(), tails);
            }
            audit = new AuditLog(clientConfig, new Topic<>(config.access().auditTopic(), Serdes.String(),
                    AvroSerdes.specific(AuditEvent.class, registry, false)));
            recordConfigChangesInBackground();
            if (role.runs(Role.STREAMS)) {
                HostInfo self = new HostInfo(advertised, port);
                routes.add(new DashboardRoutes(streamsApp.stores(), alerting.feed()::current)::register);
                routes.add(new AuditApi(audit)::register);
                routes.add(new ExportApi(streamsApp.stores(), self, clientConfig, topics, config.sampling().policy().salt(), audit)::register);
            }
            if (role.runs(Role.ALERTS)) {
                routes.addAll(alerting.routes());
            }
            if (role.runs(Role.JUDGES)) {
                if (config.judges().enabled()) {
                    judges = JudgeWorker.start(config.judges(), clientConfig, topics, config.applicationId(), config.dataDir(), classifiers,
                            metrics.registry(), tails);
                }
                routes.add(r -> r.routes.get("/api/v1/judges", ctx -> ctx.json(judges == null ? Map.of("enabled", false) : judges.status())));
            }
            if (role.runs(Role.REVIEW)) {
                review = ReviewRuntime.start(config, clientConfig, topics, port, tails, audit);
                if (review != null) {
                    review.bindMetrics(metrics.registry());
                }
                routes.add(r -> ReviewRuntime.routesOf(review, r));
            }
            if (config.access().enabled()) {
                routes.add(new AccessControl(UserDirectory.load(config.access().usersFile()),
                        ctx -> ReviewRuntime.sessionUserOf(review, ctx))::register);
            }
            api = ApiServer.start(new Liveness(role, streamsApp, tails), metrics, config.httpHost(), port, routes);
            if (role.runs(Role.ALERTS)) {
                alerting.deliverTo(config.alerting(), clientConfig, config.applicationId() + "-webhooks", topics.alerts(),
                        Names.alertOutboxTopic(config.applicationId()), DeliveryPolicy.DEFAULT, metrics.registry(),
                        "http://" + advertised + ":" + api.port());
            }
            if (role.runs(Role.STREAMS) && config.otlp().enabled()) {
                String interactions = config.topics().interactions();
                otlp = OtlpReceiver.start(config.otlp(), clientConfig, interactions, DeadLetterTopics.of(interactions),
                        topics.interactions().valueSerde().serializer(), metrics.registry());
            }
            if (streamsApp != null) {
                streamsApp.awaitRunning(Duration.ofMinutes(2));
            }
            LOG.info("Monitor started with role {}", role.id());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not open the judges' journals", e);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private TopologySettings topologySettings(ClassifierSuite classifiers) {
        RuleFile rules = config.alerting().ruleFile();
        return new TopologySettings(config.dedupHorizon(), config.bucketSize(), config.flushInterval(), classifiers,
                config.sampling(), RateSettings.defaults().withWindows(rules.windows()), rules, judgingOf(config));
    }

    private StreamsSettings streamsSettings() {
        return new StreamsSettings(config.applicationId(), config.kafka().get("bootstrap.servers"),
                config.dataDir().resolve("streams"), config.streamThreads(), config.commitInterval(), 64L * 1024 * 1024,
                null, withoutBootstrap(config.kafka()));
    }

    /** A CONFIG_CHANGED event for each configuration section that differs from the last one on the audit trail. */
    /**
     * Records configuration changes without holding up the start: the audit topic is Avro, and a monitor
     * must start (and count) during a schema registry outage, so this waits the outage out with backoff.
     */
    private void recordConfigChangesInBackground() {
        Thread recorder = new Thread(() -> {
            for (int failures = 1; !closed.get(); failures++) {
                try {
                    recordConfigChanges();
                    return;
                } catch (RuntimeException e) {
                    Duration wait = Backoff.DEFAULT.after(failures);
                    LOG.warn("Configuration changes not on the audit trail yet ({}); retrying in {} s", e.getMessage(), wait.toSeconds());
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, "config-audit");
        recorder.setDaemon(true);
        recorder.start();
    }

    private void recordConfigChanges() {
        List<AuditEvent> recorded = new ArrayList<>();
        audit.scan(e -> {
            if (AuditKind.CONFIG_CHANGED.name().equals(e.getKind())) {
                recorded.add(e);
            }
        });
        ConfigAudit.changes(recorded, configDigests, System.getProperty("user.name", "unknown"), System.currentTimeMillis())
                .forEach(audit::record);
    }

    /** The audit trail of this instance (labels, corrections, adjudications, configuration changes, exports). */
    public AuditLog audit() {
        return audit;
    }

    /** Interactions go to judge-requests only when some judge will read them. */
    private static JudgingSettings judgingOf(MonitorConfig config) {
        return config.judges().enabled()
                ? new JudgingSettings(config.judges().fraction(), config.applicationId() + "-judges")
                : JudgingSettings.OFF;
    }

    private static Map<String, String> withoutBootstrap(Map<String, String> kafka) {
        Map<String, String> copy = new HashMap<>(kafka);
        copy.remove("bootstrap.servers");
        return copy;
    }

    public MonitorConfig config() {
        return config;
    }

    /** Kafka client settings (bootstrap and security) for producers and consumers of this instance. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public MonitorTopics topics() {
        return topics;
    }

    public Admin admin() {
        return admin;
    }

    /** The broker this instance started itself, empty when it runs on a configured cluster. */
    public Optional<EmbeddedKafkaBroker> embeddedBroker() {
        return Optional.ofNullable(broker);
    }

    public MonitorStreamsApp streamsApp() {
        return streamsApp;
    }

    /** The supervised topic tails of this instance, for components started on top of it (e.g. the demo labeller). */
    public Tails tails() {
        return tails;
    }

    /** The OTLP/HTTP receiver, empty unless {@code monitor.otlp.enabled}. */
    public Optional<OtlpReceiver> otlp() {
        return Optional.ofNullable(otlp);
    }

    public ApiServer api() {
        return api;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Waits until records up to {@code targets} are reflected in the statistics. */
    public CatchUp catchUp() {
        return new CatchUp(admin, clientConfig, config.applicationId(), Names.statisticsDeltaTopics(config.applicationId()),
                streamsApp.stores()::localPendingPartials, config.commitInterval());
    }

    /** Idempotent: Ctrl-C and a self-stopping command may both close. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(otlp);
        closeQuietly(api);
        closeQuietly(httpIngest);
        closeQuietly(judges);
        closeQuietly(review);
        closeQuietly(certificates);
        closeQuietly(audit);
        closeQuietly(alerting);
        closeQuietly(tails);
        closeQuietly(gauges);
        closeQuietly(metrics);
        closeQuietly(streamsApp);
        closeQuietly(admin);
        closeQuietly(embeddedRegistry);
        closeQuietly(broker);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Error while closing {}", closeable.getClass().getSimpleName(), e);
        }
    }
}
