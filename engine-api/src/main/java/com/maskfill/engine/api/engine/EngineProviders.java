package com.maskfill.engine.api.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The engines on the class path, found through {@link ServiceLoader}. */
public final class EngineProviders {

    private EngineProviders() {
    }

    /** Every provider visible to the context class loader, sorted by id so lists are stable. */
    public static List<EngineProvider> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    public static List<EngineProvider> discover(ClassLoader loader) {
        List<EngineProvider> providers = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, loader).forEach(providers::add);
        providers.sort(Comparator.comparing(EngineProvider::id));
        return List.copyOf(providers);
    }

    public static Optional<EngineProvider> find(String id) {
        return discover().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
