package org.alignmentmonitor.monitor.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import org.alignmentmonitor.alerts.webhook.WebhookFormat;
import org.alignmentmonitor.classifiers.ClassifierSettings;
import org.alignmentmonitor.classifiers.SuiteConfig;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.judges.ChatEndpoint;
import org.alignmentmonitor.judges.JudgeRouting;
import org.alignmentmonitor.monitor.access.AccessSettings;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.streams.review.SamplingSettings;
import org.alignmentmonitor.streams.topology.TopicNames;

/**
 * Reads a monitor configuration: built-in and command defaults, then a properties file, then environment variables, then
 * explicit overrides (command-line options). An environment variable {@code AM_SASL_JAAS_CONFIG}
 * sets {@code sasl.jaas.config}: strip the prefix, lower-case, '_' becomes '.', '__' becomes '_'.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "AM_";

    private ConfigLoader() {
    }

    /** Layers, later wins: {@code defaults} (a command's own), the file, the environment, {@code overrides}. */
    public static MonitorConfig load(Map<String, String> defaults, Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> all = new TreeMap<>(defaults);
        if (file != null) {
            all.putAll(readFile(file));
        }
        all.putAll(fromEnv(env));
        all.putAll(overrides);
        return fromMap(all);
    }

    static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new HashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k.trim(), props.getProperty(k).trim()));
        return out;
    }

    static Map<String, String> fromEnv(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                out.put(key, value);
            }
        });
        return out;
    }

    static MonitorConfig fromMap(Map<String, String> all) {
        Map<String, String> monitor = new HashMap<>();
        Map<String, String> registry = new HashMap<>();
        Map<String, String> kafka = new HashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("monitor.")) {
                monitor.put(k, v);
            } else if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth.")) {
                registry.put(k, v);
            } else {
                kafka.put(k, v);
            }
        });
        Settings s = new Settings(monitor);
        MonitorConfig config = new MonitorConfig(
                Path.of(s.string("monitor.data.dir", "data")),
                s.string("monitor.application.id", "alignment-monitor"),
                new TopicNames(
                        s.string("monitor.topics.interactions", "interactions"),
                        s.string("monitor.topics.verdicts", "verdicts"),
                        s.string("monitor.topics.review-tasks", "review-tasks"),
                        s.string("monitor.topics.labels", "labels"),
                        s.string("monitor.topics.rates", "rates"),
                        s.string("monitor.topics.alerts", "alerts"),
                        s.string("monitor.topics.judge-requests", "judge-requests"),
                        s.string("monitor.topics.judgments", "judgments"),
                        s.string("monitor.topics.training-examples", "training-examples")),
                s.integer("monitor.topics.partitions", 3),
                (short) s.integer("monitor.topics.replication", 1),
                s.string("monitor.http.host", "127.0.0.1"),
                s.integer("monitor.http.port", 8080),
                s.string("monitor.advertised.host", null),
                s.integer("monitor.streams.threads", 1),
                s.duration("monitor.streams.commit.interval", Duration.ofMillis(500)),
                s.duration("monitor.dedup.horizon", Duration.ofDays(7)),
                s.duration("monitor.flush.interval", Duration.ofMillis(500)),
                s.duration("monitor.bucket.size", Duration.ofMinutes(1)),
                new AlertingConfig(
                        s.string("monitor.alerts.rules", ""),
                        s.uris("monitor.alerts.webhook.urls"),
                        s.webhookFormat("monitor.alerts.webhook.format"),
                        s.string("monitor.alerts.webhook.secret", ""),
                        false),
                kafka, registry,
                review(s),
                sampling(s, s.string("monitor.application.id", "alignment-monitor"), s.integer("monitor.topics.partitions", 3)),
                judges(s),
                classifiers(s),
                new CertificatesConfig(s.string("monitor.certificates.topic", "certificates"),
                        Optional.ofNullable(s.string("monitor.certificates.key.file", null)).map(Path::of).orElse(null)),
                access(s),
                ingest(s),
                otlp(s));
        s.rejectUnknown();
        return config;
    }

    /**
     * Raw sources {@code monitor.sources.<name>.topic|format|version-rule} (format default openai-chat, rule
     * default model-string) and the HTTP ingest endpoint's token and limits. Formats and rules are checked here.
     */
    private static IngestConfig ingest(Settings s) {
        Properties props = s.properties("monitor.sources.");
        TreeSet<String> names = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            String rest = key.substring("monitor.sources.".length());
            int dot = rest.lastIndexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot < 1 || !List.of("topic", "format", "version-rule").contains(field)) {
                throw new IllegalArgumentException("unknown setting " + key + ": expected monitor.sources.<name>.topic, .format or .version-rule");
            }
            names.add(rest.substring(0, dot));
        }
        List<IngestConfig.Source> sources = new ArrayList<>();
        for (String name : names) {
            String prefix = "monitor.sources." + name + ".";
            String topic = props.getProperty(prefix + "topic", "").trim();
            if (topic.isEmpty()) {
                throw new IllegalArgumentException(prefix + "topic is required");
            }
            try {
                IngestConfig.Source source = new IngestConfig.Source(name, topic,
                        LogFormat.fromId(props.getProperty(prefix + "format", LogFormat.OPENAI_CHAT.id()).trim()),
                        ModelVersionRule.parse(props.getProperty(prefix + "version-rule", "model-string").trim()));
                source.rawSource();
                sources.add(source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "*: " + e.getMessage(), e);
            }
        }
        IngestConfig d = IngestConfig.NONE;
        return new IngestConfig(sources, s.string("monitor.ingest.http.token", d.httpToken()),
                s.integer("monitor.ingest.http.max-bytes", d.maxBodyBytes()),
                s.integer("monitor.ingest.http.max-records", d.maxRecords()));
    }

    /** The OTLP/HTTP trace receiver: off unless {@code monitor.otlp.enabled}; listens beside the API by default. */
    private static OtlpSettings otlp(Settings s) {
        OtlpSettings d = OtlpSettings.disabled();
        return new OtlpSettings(
                s.bool("monitor.otlp.enabled", d.enabled()),
                s.string("monitor.otlp.host", s.string("monitor.http.host", "127.0.0.1")),
                s.integer("monitor.otlp.port", d.port()),
                s.string("monitor.otlp.token", d.bearerToken()),
                s.integer("monitor.otlp.max.body.bytes", d.maxBodyBytes()),
                s.integer("monitor.otlp.max.concurrent", d.maxConcurrent()),
                ModelVersionRule.parse(s.string("monitor.otlp.version-rule", d.versionRule().spec())),
                s.duration("monitor.otlp.ack.timeout", d.ackTimeout()));
    }

    /** Which interactions go to review: salt, hourly budget per version, floor and reallocation interval. */
    private static SamplingSettings sampling(Settings s, String applicationId, int partitions) {
        int budget = s.integer("monitor.sampling.budget.per.hour", 50);
        if (budget < 1) {
            throw new IllegalArgumentException("monitor.sampling.budget.per.hour must be >= 1, got " + budget);
        }
        SamplingPolicy policy = new SamplingPolicy("sampler-1", s.string("monitor.sampling.salt", applicationId),
                s.decimal("monitor.sampling.floor", 0.001), new double[] {0.2, 0.5, 0.8}, budget);
        return new SamplingSettings(policy, s.duration("monitor.sampling.interval", Duration.ofHours(1)), partitions,
                s.decimal("monitor.sampling.first.probability", 0.02));
    }

    /**
     * The asynchronous judges: {@code monitor.judges.self.<n>.match|url|model|keyEnv} routes, an
     * overseer at {@code monitor.judges.overseer.url|model|keyEnv}, the learned classifier, and how
     * hard they may push their endpoints.
     */
    private static JudgesConfig judges(Settings s) {
        JudgesConfig d = JudgesConfig.NONE;
        JudgeRouting self = JudgeRouting.fromProperties(s.properties("monitor.judges.self."), "monitor.judges.self", System::getenv);
        String overseerUrl = s.string("monitor.judges.overseer.url", null);
        String overseerModel = s.string("monitor.judges.overseer.model", null);
        String overseerKey = s.string("monitor.judges.overseer.keyEnv", null);
        if ((overseerUrl == null) != (overseerModel == null)) {
            throw new IllegalArgumentException("monitor.judges.overseer.url and monitor.judges.overseer.model go together");
        }
        Optional<ChatEndpoint> overseer = overseerUrl == null ? Optional.empty()
                : Optional.of(ChatEndpoint.of(overseerUrl, overseerModel, overseerKey, System::getenv));
        JudgesConfig.Resilience r = JudgesConfig.Resilience.defaults();
        return new JudgesConfig(
                s.string("monitor.judges.version", d.version()),
                self, s.bool("monitor.judges.self.enabled", !self.routes().isEmpty()), overseer,
                s.bool("monitor.judges.learned.enabled", d.learned()),
                s.decimal("monitor.judges.fraction", d.fraction()),
                s.decimal("monitor.judges.threshold", d.threshold()),
                s.integer("monitor.judges.max.pending", d.maxPending()),
                new JudgesConfig.Resilience(
                        s.integer("monitor.judges.concurrency", r.concurrency()),
                        s.duration("monitor.judges.timeout", r.timeout()),
                        s.integer("monitor.judges.max.attempts", r.maxAttempts()),
                        s.duration("monitor.judges.backoff.base", r.backoffBase()),
                        s.duration("monitor.judges.backoff.max", r.backoffMax()),
                        s.integer("monitor.judges.breaker.failures", r.breakerFailures()),
                        s.duration("monitor.judges.breaker.cooldown", r.breakerCooldown()),
                        s.integer("monitor.judges.tokens.per.minute", (int) r.tokensPerMinute()),
                        s.duration("monitor.judges.max.pending.age", r.maxPendingAge())));
    }

    /**
     * Which classifiers run and at which thresholds: {@code monitor.classifiers.<id>.enabled|threshold}
     * over the built-in defaults. Any change needs its own {@code monitor.classifiers.version}, which
     * every verdict records, so rates made under different configurations are never mixed unawares.
     */
    private static SuiteConfig classifiers(Settings s) {
        SuiteConfig defaults = SuiteConfig.defaults();
        Properties overrides = s.properties("monitor.classifiers.");
        String version = s.string("monitor.classifiers.version", defaults.version());
        overrides.remove("monitor.classifiers.version");
        if (overrides.isEmpty()) {
            return new SuiteConfig(version, defaults.classifiers());
        }
        if (version.equals(SuiteConfig.DEFAULT_VERSION)) {
            throw new IllegalArgumentException("monitor.classifiers.<id>.* changes the classifier suite: give it a "
                    + "monitor.classifiers.version of its own (not " + SuiteConfig.DEFAULT_VERSION + ")");
        }
        Map<String, ClassifierSettings> settings = new LinkedHashMap<>(defaults.classifiers());
        for (String key : new TreeSet<>(overrides.stringPropertyNames())) {
            String rest = key.substring("monitor.classifiers.".length());
            int dot = rest.lastIndexOf('.');
            String id = dot > 0 ? rest.substring(0, dot) : rest;
            String field = dot > 0 ? rest.substring(dot + 1) : "";
            ClassifierSettings current = settings.getOrDefault(id, ClassifierSettings.defaults());
            try {
                settings.put(id, switch (field) {
                    case "enabled" -> new ClassifierSettings(s.bool(key, current.enabled()), current.threshold());
                    case "threshold" -> new ClassifierSettings(current.enabled(), s.decimal(key, current.threshold()));
                    default -> throw new IllegalArgumentException("use monitor.classifiers.<id>.enabled or .threshold");
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return new SuiteConfig(version, settings);
    }

    private static ReviewSettings review(Settings s) {
        ReviewSettings d = ReviewSettings.defaults();
        String users = s.string("monitor.review.users.file", null);
        String gold = s.string("monitor.review.gold.file", null);
        return new ReviewSettings(
                s.bool("monitor.review.enabled", d.enabled()),
                users == null ? null : Path.of(users),
                gold == null ? null : Path.of(gold),
                s.duration("monitor.review.lease", d.lease()),
                s.decimal("monitor.review.double.fraction", d.doubleFraction()),
                s.decimal("monitor.review.gold.rate", d.goldRate()),
                s.string("monitor.review.session.key", null));
    }

    /** Auth across the HTTP API (on with a users file) and the audit trail's topic. */
    private static AccessSettings access(Settings s) {
        String users = s.string("monitor.auth.users.file", null);
        return new AccessSettings(users == null ? null : Path.of(users), s.string("monitor.topics.audit", AccessSettings.DEFAULT_AUDIT_TOPIC));
    }

    /** Typed reads of monitor.* keys that remember which keys were used, so typos are reported. */
    private static final class Settings {
        private final Map<String, String> values;
        private final Map<String, Boolean> used = new HashMap<>();

        Settings(Map<String, String> values) {
            this.values = values;
        }

        String string(String key, String fallback) {
            used.put(key, true);
            String v = values.get(key);
            return v == null || v.isBlank() ? fallback : v;
        }

        /** Every key under a prefix (route tables and the like), marked as used. */
        Properties properties(String prefix) {
            Properties out = new Properties();
            values.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    used.put(k, true);
                    out.setProperty(k, v);
                }
            });
            return out;
        }

        boolean bool(String key, boolean fallback) {
            String v = string(key, String.valueOf(fallback));
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        /** Comma-separated absolute URLs. */
        List<URI> uris(String key) {
            String v = string(key, null);
            if (v == null) {
                return List.of();
            }
            List<URI> out = new ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    out.add(new URI(part.trim()));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException(key + ": not a URL: '" + part.trim() + "'");
                }
            }
            return out;
        }

        WebhookFormat webhookFormat(String key) {
            String v = string(key, "generic");
            try {
                return WebhookFormat.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be generic or slack, got '" + v + "'");
            }
        }

        int integer(String key, int fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
            }
        }

        double decimal(String key, double fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
            }
        }

        /** ISO-8601 (PT5S, P7D) or a number with a unit suffix: 500ms, 5s, 10m, 2h, 7d. */
        Duration duration(String key, Duration fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                return parseDuration(v);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a duration like 500ms, 5s, 10m, 2h, 7d or PT5S, got '" + v + "'");
            }
        }

        void rejectUnknown() {
            for (String key : values.keySet()) {
                if (!used.containsKey(key)) {
                    throw new IllegalArgumentException("unknown setting '" + key + "'");
                }
            }
        }
    }

    /**
     * A positive duration: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT1H30M}).
     *
     * @throws IllegalArgumentException naming the value, for anything else
     */
    public static Duration parseDuration(String v) {
        try {
            return positive(v, unchecked(v));
        } catch (DateTimeParseException | ArithmeticException e) {
            // Not IllegalArgumentExceptions, yet just as much the value's fault: say so like the others.
            throw new IllegalArgumentException("invalid duration '" + v + "': " + e.getMessage(), e);
        }
    }

    private static Duration unchecked(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
        }
        int unitStart = 0;
        while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("no number in duration '" + v + "'");
        }
        long n = Long.parseLong(s.substring(0, unitStart));
        return switch (s.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit in duration '" + v + "'");
        };
    }

    private static Duration positive(String v, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration must be positive: '" + v + "'");
        }
        return d;
    }
}
