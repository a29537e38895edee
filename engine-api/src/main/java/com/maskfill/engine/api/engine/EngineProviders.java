package com.maskfill.engine.api.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The engines on the class path, found through {@link ServiceLoader}. */
public final class EngineProviders {

    private static final System.Logger LOG = System.getLogger(EngineProviders.class.getName());

    private EngineProviders() {
    }

    /** Every provider visible to the context class loader, sorted by id so lists are stable. */
    public static List<EngineProvider> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    public static List<EngineProvider> discover(ClassLoader loader) {
        List<EngineProvider> providers = new ArrayList<>();
        Iterator<EngineProvider> iterator = ServiceLoader.load(EngineProvider.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                // One broken engine module must not take the editor or the command line down with it.
                LOG.log(System.Logger.Level.WARNING, "Skipping an engine that failed to load: " + e.getMessage());
            }
        }
        providers.sort(Comparator.comparing(EngineProvider::id));
        return List.copyOf(providers);
    }

    public static Optional<EngineProvider> find(String id) {
        return discover().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
