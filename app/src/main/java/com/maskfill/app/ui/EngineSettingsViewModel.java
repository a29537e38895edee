package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.CredentialStore;
import com.maskfill.app.settings.EngineReadiness;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.api.engine.DiscoveredChoices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One engine's settings: its API keys and an optional base URL. Stored keys are never loaded back into the
 * form (only whether one is stored), so a key once saved is never shown on screen again.
 */
public final class EngineSettingsViewModel {

    /** A key field: what the user types, and whether a key is already stored. */
    public static final class KeyField {
        private final String name;
        private final StringProperty input = new SimpleStringProperty("");
        private final ReadOnlyBooleanWrapper stored = new ReadOnlyBooleanWrapper();

        KeyField(String name, boolean stored) {
            this.name = name;
            this.stored.set(stored);
        }

        public String name() {
            return name;
        }

        /** A new key typed by the user; empty keeps the stored one. */
        public StringProperty inputProperty() {
            return input;
        }

        public ReadOnlyBooleanProperty storedProperty() {
            return stored.getReadOnlyProperty();
        }
    }

    private final EngineChoice engine;
    private final CredentialStore store;
    private final AppSettings settings;
    private final SettingsStore settingsStore;
    private final Map<String, KeyField> keys = new LinkedHashMap<>();
    private final Map<EngineSetting, StringProperty> options = new LinkedHashMap<>();
    private final StringProperty endpoint = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper endpointError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyObjectWrapper<ConnectionCheck.Outcome> testOutcome =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
    /** By setting key, the values its server offers (found by {@link #findChoices()}), shown read-only. */
    private final Map<String, ObservableList<String>> choices = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper choicesMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper choicesProblem = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper findingChoices = new ReadOnlyBooleanWrapper(false);
    private EngineReadiness readiness;
    private BackgroundTasks tasks;

    public EngineSettingsViewModel(EngineChoice engine, CredentialStore store, AppSettings settings,
                                   SettingsStore settingsStore) {
        this.engine = engine;
        this.store = store;
        this.settings = settings;
        this.settingsStore = settingsStore;
        for (String name : engine.credentialNames()) {
            keys.put(name, new KeyField(name, isStored(name)));
        }
        Map<String, String> saved = settings.engineOptions.getOrDefault(engine.id(), Map.of());
        for (EngineSetting setting : engine.settings()) {
            String initial = saved.getOrDefault(setting.key(),
                    setting.kind() == EngineSetting.Kind.CHOICE ? setting.choices().get(0) : "");
            options.put(setting, new SimpleStringProperty(initial));
            if (setting.kind() == EngineSetting.Kind.DISCOVERED) {
                choices.put(setting.key(), FXCollections.observableArrayList());
            }
        }
        endpoint.addListener((obs, old, text) -> endpointError.set(endpointProblem(text)));
        // Trusting the network for plain http changes what a valid base URL is.
        options.entrySet().stream().filter(o -> o.getKey().key().equals(EngineSetting.TRUST_PLAIN_HTTP))
                .forEach(o -> o.getValue().addListener((obs, old, on) -> endpointError.set(endpointProblem(endpoint.get()))));
        endpoint.set(settings.engineEndpoints.getOrDefault(engine.id(), ""));
    }

    public EngineChoice engine() {
        return engine;
    }

    public Iterable<KeyField> keys() {
        return keys.values();
    }

    public KeyField key(String name) {
        return keys.get(name);
    }

    /** The engine's plain settings (a model folder, a device, ...), each with the value to save. */
    public Map<EngineSetting, StringProperty> options() {
        return options;
    }

    /** The base URL override; empty means the provider's documented URL. */
    public StringProperty endpointProperty() {
        return endpoint;
    }

    public ReadOnlyStringProperty endpointErrorProperty() {
        return endpointError.getReadOnlyProperty();
    }

    /** Why the last save failed, or empty. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    public String storageDescription() {
        return store.describe();
    }

    /** Stores new keys and the base URL. Returns false (and says why) when nothing could be saved. */
    public boolean save() {
        if (!endpointError.get().isEmpty()) {
            saveError.set("Fix the base URL first: " + endpointError.get());
            return false;
        }
        for (KeyField key : keys.values()) {
            String typed = key.input.get().strip();
            // A key with a character no HTTP header can carry is refused here, by name and never quoted.
            Optional<String> problem = typed.isEmpty() ? Optional.empty() : Secret.problemWith(typed);
            if (problem.isPresent()) {
                saveError.set("The key " + key.name + " cannot be used: " + problem.get() + ".");
                return false;
            }
        }
        try {
            for (KeyField key : keys.values()) {
                String typed = key.input.get().strip();
                if (!typed.isEmpty()) {
                    store.write(key.name, typed);
                    key.input.set("");
                    key.stored.set(true);
                }
            }
            Map<String, String> values = new java.util.TreeMap<>();
            options.forEach((setting, value) -> {
                if (!value.get().isBlank()) {
                    values.put(setting.key(), value.get().strip());
                }
            });
            if (values.isEmpty()) {
                settings.engineOptions.remove(engine.id());
            } else {
                settings.engineOptions.put(engine.id(), values);
            }
            String url = endpoint.get().strip();
            if (url.isEmpty()) {
                settings.engineEndpoints.remove(engine.id());
            } else {
                settings.engineEndpoints.put(engine.id(), url);
            }
            settingsStore.save(settings);
            saveError.set("");
            return true;
        } catch (IOException e) {
            // The exception may echo what was being written; say what failed in our own words only.
            saveError.set("The settings could not be saved (" + e.getClass().getSimpleName() + ").");
            return false;
        }
    }

    /** Forgets the stored key. */
    public void removeKey(String name) {
        try {
            store.delete(name);
            keys.get(name).stored.set(false);
            saveError.set("");
        } catch (IOException e) {
            saveError.set("The key " + name + " could not be removed (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** Lets the form test the connection and link to the key page, through the engine itself. */
    public void useEngineChecks(EngineReadiness readiness, BackgroundTasks tasks) {
        this.readiness = readiness;
        this.tasks = tasks;
    }

    /** Where to get a key for this engine (its provider's dashboard), when known. */
    public Optional<java.net.URI> keyPage() {
        return readiness == null ? Optional.empty() : readiness.keyPage(engine.id());
    }

    /** Whether the form can run "Test connection". */
    public boolean canTestConnection() {
        return readiness != null && tasks != null;
    }

    /**
     * "Test connection" with the keys typed (or, where none is typed, the stored ones) and the base URL in the form:
     * one free call, in the background; the answer lands in {@link #testResultProperty()}.
     */
    public void testConnection() {
        if (!canTestConnection() || testing.get()) {
            return;
        }
        Map<String, String> typed = typedKeys();
        String url = endpoint.get();
        Map<String, String> form = formOptions();
        testing.set(true);
        testOutcome.set(null);
        testResult.set("Testing…");
        tasks.run(() -> readiness.test(engine.id(), typed, url, form), check -> {
            testing.set(false);
            testOutcome.set(check.outcome());
            testResult.set(check.message());
        }, failure -> {
            testing.set(false);
            testOutcome.set(ConnectionCheck.Outcome.FAILED);
            // Our own words only: a library's message might quote what was sent.
            testResult.set("The test could not run (" + failure.getClass().getSimpleName() + ").");
        });
    }

    /** Keys typed in the form, not yet saved. */
    private Map<String, String> typedKeys() {
        Map<String, String> typed = new LinkedHashMap<>();
        keys.values().forEach(k -> {
            if (!k.input.get().isBlank()) {
                typed.put(k.name, k.input.get().strip());
            }
        });
        return typed;
    }

    /** The plain settings as the form shows them now (more servers, trusted plain http), not as last saved. */
    private Map<String, String> formOptions() {
        Map<String, String> values = new LinkedHashMap<>();
        options.forEach((setting, value) -> {
            if (value.get() != null && !value.get().isBlank()) {
                values.put(setting.key(), value.get().strip());
            }
        });
        return values;
    }

    /** Whether some settings take values that only the engine's server knows (a ComfyUI server's model files). */
    public boolean hasServerChoices() {
        return !choices.isEmpty();
    }

    /** The values the server offers for {@code setting}; empty until they were found, or when none. */
    public ObservableList<String> choicesOf(EngineSetting setting) {
        return FXCollections.unmodifiableObservableList(choices.getOrDefault(setting.key(),
                FXCollections.emptyObservableList()));
    }

    /**
     * Asks the engine's server, with what the form shows, which values its settings can take, in the background.
     * An empty setting is then preselected with the engine's own pick, so what is saved is what a job would use;
     * a value the user set is kept, and named when the server lacks it.
     */
    public void findChoices() {
        if (!canTestConnection() || !hasServerChoices() || findingChoices.get()) {
            return;
        }
        Map<String, String> typed = typedKeys();
        Map<String, String> form = formOptions();
        String url = endpoint.get();
        findingChoices.set(true);
        choicesProblem.set(false);
        choicesMessage.set("Looking on the server…");
        tasks.run(() -> readiness.discover(engine.id(), typed, url, form), this::show, failure -> {
            findingChoices.set(false);
            choicesProblem.set(true);
            // Our own words only: a library's message might quote what was sent.
            choicesMessage.set("The server could not be asked (" + failure.getClass().getSimpleName() + ").");
        });
    }

    private void show(DiscoveredChoices found) {
        findingChoices.set(false);
        List<String> missing = new ArrayList<>();
        options.forEach((setting, value) -> {
            ObservableList<String> offered = choices.get(setting.key());
            if (offered == null) {
                return;
            }
            offered.setAll(found.choicesOf(setting.key()));
            String current = value.get() == null ? "" : value.get().strip();
            if (current.isEmpty() && found.picks().containsKey(setting.key())) {
                value.set(found.picks().get(setting.key()));
            } else if (!current.isEmpty() && !offered.isEmpty() && !offered.contains(current)) {
                missing.add(setting.label() + " “" + current + "” is not on the server");
            }
        });
        String message = found.message() + (missing.isEmpty() ? "" : " " + String.join("; ", missing) + ".");
        choicesProblem.set(found.problem() || !missing.isEmpty());
        choicesMessage.set(message);
    }

    /** What the last look at the server found or what was wrong; "Looking on the server…" while one runs. */
    public ReadOnlyStringProperty choicesMessageProperty() {
        return choicesMessage.getReadOnlyProperty();
    }

    /** True when {@link #choicesMessageProperty()} tells of something to fix (a server without a fill model). */
    public ReadOnlyBooleanProperty choicesProblemProperty() {
        return choicesProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty findingChoicesProperty() {
        return findingChoices.getReadOnlyProperty();
    }

    /** The last test's answer, "Testing…" while one runs, or empty. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** How the last test ended, or null before one ends. */
    public javafx.beans.property.ReadOnlyObjectProperty<ConnectionCheck.Outcome> testOutcomeProperty() {
        return testOutcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    private boolean isStored(String name) {
        try {
            return store.read(name).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private String endpointProblem(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        boolean trusted = options.entrySet().stream().anyMatch(o -> o.getKey().key().equals(
                EngineSetting.TRUST_PLAIN_HTTP) && "true".equalsIgnoreCase(o.getValue().get().strip()));
        return EndpointPolicy.problemWith(text, trusted).map(p -> "Base URL: " + p + ".").orElse("");
    }
}
