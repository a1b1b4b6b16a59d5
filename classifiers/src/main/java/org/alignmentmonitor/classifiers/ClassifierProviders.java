package org.alignmentmonitor.classifiers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The classifier providers available at run time, by id. */
public final class ClassifierProviders {

    private final Map<String, ClassifierProvider> byId;

    private ClassifierProviders(Map<String, ClassifierProvider> byId) {
        this.byId = Collections.unmodifiableMap(byId);
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
