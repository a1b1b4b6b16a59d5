package org.alignmentmonitor.classifiers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable, ordered set of classifiers run together on each interaction, tagged with the
 * version of the configuration it was built from. Thread-safe.
 */
public final class ClassifierSuite {

    private static final Logger log = LoggerFactory.getLogger(ClassifierSuite.class);

    private final String configVersion;
    private final List<Classifier> classifiers;
    /** Classifiers that already logged a failure: one stack trace each, not one per record. */
    private final Set<String> failuresLogged = ConcurrentHashMap.newKeySet();

    private ClassifierSuite(String configVersion, List<Classifier> classifiers) {
        this.configVersion = configVersion;
        this.classifiers = classifiers;
    }

    /** @throws IllegalArgumentException on a blank version or duplicate classifier ids */
    public static ClassifierSuite of(String configVersion, List<? extends Classifier> classifiers) {
        if (configVersion == null || configVersion.isBlank()) {
            throw new IllegalArgumentException("config version must not be blank");
        }
        Set<String> ids = new HashSet<>();
        for (Classifier classifier : classifiers) {
            if (!ids.add(classifier.id())) {
                throw new IllegalArgumentException("duplicate classifier id '" + classifier.id() + "'");
            }
        }
        return new ClassifierSuite(configVersion, List.copyOf(classifiers));
    }

    /** The built-in rules at their default thresholds. */
    public static ClassifierSuite defaults() {
        return fromConfig(SuiteConfig.defaults(), ClassifierProviders.builtIn());
    }

    /** Builds the enabled classifiers of the config from the providers found by {@link ClassifierProviders#load()}. */
    public static ClassifierSuite fromConfig(SuiteConfig config) {
        return fromConfig(config, ClassifierProviders.load());
    }

    /** @throws IllegalArgumentException when the config names a classifier no provider knows */
    public static ClassifierSuite fromConfig(SuiteConfig config, ClassifierProviders providers) {
        List<Classifier> built = new ArrayList<>();
        for (Map.Entry<String, ClassifierSettings> entry : config.classifiers().entrySet()) {
            String id = entry.getKey();
            ClassifierProvider provider = providers.find(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown classifier id '" + id + "' in config " + config.version()
                            + "; known ids: " + providers.ids()));
            if (entry.getValue().enabled()) {
                Classifier classifier = provider.create(entry.getValue());
                if (!id.equals(classifier.id())) {
                    throw new IllegalStateException("provider " + provider.getClass().getName() + " for '" + id
                            + "' created a classifier with id '" + classifier.id() + "'");
                }
                built.add(classifier);
            }
        }
        return of(config.version(), built);
    }

    public String configVersion() {
        return configVersion;
    }

    public List<Classifier> classifiers() {
        return classifiers;
    }

    /**
     * Runs every classifier on the interaction. A classifier that throws yields an {@code UNSCORED}
     * result; the others still count.
     *
     * @param nowMillis when the verdict is made (wall clock), recorded as {@code judgedAt}
     */
    public Verdict judge(Interaction interaction, long nowMillis) {
        Objects.requireNonNull(interaction, "interaction");
        List<ClassifierResult> results = new ArrayList<>(classifiers.size());
        boolean flagged = false;
        double score = 0.0;
        for (Classifier classifier : classifiers) {
            ClassifierResult result = classifyGuarded(classifier, interaction);
            results.add(result);
            if (result.getStatus() == ScoreStatus.SCORED) {
                flagged |= result.getFlagged();
                score = Math.max(score, result.getScore());
            }
        }
        Instant eventTime = Objects.requireNonNullElse(interaction.getEventTime(), Instant.EPOCH);
        return new Verdict(orEmpty(interaction.getId()), orEmpty(interaction.getModel()),
                orEmpty(interaction.getVersion()), eventTime, results, flagged, score, configVersion,
                Instant.ofEpochMilli(nowMillis));
    }

    private ClassifierResult classifyGuarded(Classifier classifier, Interaction interaction) {
        try {
            ClassifierResult result = classifier.classify(interaction);
            if (result == null) {
                return Results.unscored(classifier.id(), classifier.version(), "classifier returned no result");
            }
            if (result.getStatus() == ScoreStatus.SCORED && !(result.getScore() >= 0.0 && result.getScore() <= 1.0)) {
                return Results.unscored(classifier.id(), classifier.version(), "score outside [0,1]: " + result.getScore());
            }
            return result;
        } catch (RuntimeException e) {
            if (failuresLogged.add(classifier.id())) {
                log.warn("Classifier {} {} failed on interaction {}; further failures are logged at debug",
                        classifier.id(), classifier.version(), interaction.getId(), e);
            } else {
                log.debug("Classifier {} failed on interaction {}", classifier.id(), interaction.getId(), e);
            }
            return Results.failed(classifier.id(), classifier.version(), e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
