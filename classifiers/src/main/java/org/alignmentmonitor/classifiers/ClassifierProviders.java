package org.alignmentmonitor.classifiers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.alignmentmonitor.classifiers.rules.BenignRefusalRule;
import org.alignmentmonitor.classifiers.rules.ConstraintRule;
import org.alignmentmonitor.classifiers.rules.GibberishRule;
import org.alignmentmonitor.classifiers.rules.InjectionRule;
import org.alignmentmonitor.classifiers.rules.LanguageRule;
import org.alignmentmonitor.classifiers.rules.OffTopicRule;
import org.alignmentmonitor.classifiers.rules.ProfanityRule;
import org.alignmentmonitor.classifiers.rules.PromptEchoRule;
import org.alignmentmonitor.classifiers.rules.RepetitionRule;
import org.alignmentmonitor.classifiers.rules.TokenSoupRule;
import org.alignmentmonitor.classifiers.rules.TruncationRule;
import org.alignmentmonitor.classifiers.rules.WordSaladRule;

/** The classifier providers available at run time, by id. */
public final class ClassifierProviders {

    private final Map<String, ClassifierProvider> byId;

    private ClassifierProviders(Map<String, ClassifierProvider> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * The built-in rules only, without a class-path scan: works even where service files were lost,
     * e.g. in a fat jar shaded without merging {@code META-INF/services}.
     */
    public static ClassifierProviders builtIn() {
        return of(List.of(new TruncationRule.Provider(), new RepetitionRule.Provider(), new PromptEchoRule.Provider(),
                new ConstraintRule.Provider(), new LanguageRule.Provider(), new ProfanityRule.Provider(),
                new GibberishRule.Provider(), new InjectionRule.Provider(), new BenignRefusalRule.Provider(),
                new TokenSoupRule.Provider(), new WordSaladRule.Provider(), new OffTopicRule.Provider()));
    }

    /** Providers registered through {@code META-INF/services} on the given class loader. */
    public static ClassifierProviders load(ClassLoader classLoader) {
        return of(ServiceLoader.load(ClassifierProvider.class, classLoader));
    }

    public static ClassifierProviders load() {
        return load(ClassifierProviders.class.getClassLoader());
    }

    /** @throws IllegalStateException when two providers claim the same id */
    public static ClassifierProviders of(Iterable<? extends ClassifierProvider> providers) {
        Map<String, ClassifierProvider> byId = new LinkedHashMap<>();
        for (ClassifierProvider provider : providers) {
            ClassifierProvider previous = byId.putIfAbsent(provider.id(), provider);
            if (previous != null) {
                throw new IllegalStateException("classifier id '" + provider.id() + "' is provided by both "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new ClassifierProviders(byId);
    }

    public Optional<ClassifierProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }
}
