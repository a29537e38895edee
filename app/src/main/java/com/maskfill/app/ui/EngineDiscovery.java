package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.EngineProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Lists the engines on the class path; the app has no compile-time dependency on any of them. */
public final class EngineDiscovery {

    private static final System.Logger LOG = System.getLogger(EngineDiscovery.class.getName());

    private EngineDiscovery() {
    }

    public static List<EngineChoice> discover() {
        List<EngineChoice> choices = new ArrayList<>();
        var iterator = ServiceLoader.load(EngineProvider.class).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                choices.add(EngineChoice.of(iterator.next()));
            } catch (ServiceConfigurationError e) {
                // One broken engine module must not take the editor down with it.
                LOG.log(System.Logger.Level.WARNING, "Skipping an engine that failed to load: " + e.getMessage());
            }
        }
        return choices;
    }
}
