package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Lora;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The side panel's LoRA list: up to {@value FillRequest#MAX_LORAS} LoRAs, each a file or URL with a scale 0–4, kept
 * with the project. It follows the chosen engine: an engine that takes none disables the list (which stays, for the
 * project and the next engine) and sends none; one that takes fewer than listed says so, and Generate refuses.
 */
public final class LoraListViewModel {

    /** Scale of a LoRA just added. */
    public static final double DEFAULT_SCALE = 1.0;

    /** One LoRA of the list: where it is, and its scale (changed through {@link #setScale}). */
    public static final class Entry {
        private final String source;
        private final ReadOnlyDoubleWrapper scale;

        private Entry(String source, double scale) {
            this.source = source;
            this.scale = new ReadOnlyDoubleWrapper(scale);
        }

        /** The path or URL as given. */
        public String source() {
            return source;
        }

        /** The last part of the path or URL, for a narrow panel. */
        public String name() {
            return nameOf(source);
        }

        public ReadOnlyDoubleProperty scaleProperty() {
            return scale.getReadOnlyProperty();
        }

        Lora toLora() {
            return Lora.of(source, scale.get());
        }
    }

    /** The last part of a LoRA's path or URL, for a narrow panel or a result's details. */
    public static String nameOf(String source) {
        String trimmed = source.replaceAll("[/\\\\]+$", "");
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return cut < 0 ? trimmed : trimmed.substring(cut + 1);
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Entry> entriesReadOnly = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper files = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canAdd = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private int maxLoras = FillRequest.MAX_LORAS;

    public ObservableList<Entry> entries() {
        return entriesReadOnly;
    }

    /** True when the chosen engine takes LoRAs. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** True when the chosen engine reads LoRA files on this computer (Browse); false: URLs its provider fetches. */
    public ReadOnlyBooleanProperty filesProperty() {
        return files.getReadOnlyProperty();
    }

    /** True while another LoRA fits the chosen engine. */
    public ReadOnlyBooleanProperty canAddProperty() {
        return canAdd.getReadOnlyProperty();
    }

    /** Why the list is disabled or too long for the chosen engine; empty when it is neither. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Adds a LoRA at scale {@value #DEFAULT_SCALE}; false (nothing added) when blank or the list is full. */
    public boolean add(String source) {
        if (source == null || source.isBlank() || !canAdd.get()) {
            return false;
        }
        entries.add(new Entry(source.strip(), DEFAULT_SCALE));
        update();
        return true;
    }

    /** Sets a scale, held within 0–4. */
    public void setScale(Entry entry, double scale) {
        entry.scale.set(clamp(scale));
    }

    public void remove(Entry entry) {
        entries.remove(entry);
        update();
    }

    /** The project's list, replacing this one (scales held within 0–4, at most {@value FillRequest#MAX_LORAS}). */
    public void restore(List<Lora> loras) {
        entries.setAll(loras.stream().filter(l -> !l.source().isBlank()).limit(FillRequest.MAX_LORAS)
                .map(l -> new Entry(l.source(), clamp(l.scale()))).toList());
        update();
    }

    /** The whole list, as the project keeps it, whatever the engine. */
    public List<Lora> loras() {
        return entries.stream().map(Entry::toLora).toList();
    }

    /** What a job sends: the list, or none where the engine takes no LoRAs. */
    public List<Lora> forJob() {
        return available.get() ? loras() : List.of();
    }

    /** Follows the chosen engine (null: none chosen, nothing limits the list). */
    void adaptTo(Capabilities capabilities) {
        maxLoras = capabilities == null ? FillRequest.MAX_LORAS : Math.min(FillRequest.MAX_LORAS, capabilities.maxLoras());
        available.set(maxLoras > 0);
        files.set(capabilities != null && capabilities.loraFiles());
        update();
    }

    private void update() {
        canAdd.set(entries.size() < maxLoras);
        if (maxLoras == 0) {
            message.set("This engine takes no LoRAs" + (entries.isEmpty() ? "." : "; the list is kept for one that does."));
        } else if (entries.size() > maxLoras) {
            message.set("This engine takes at most " + maxLoras + (maxLoras == 1 ? " LoRA" : " LoRAs")
                    + ": remove " + (entries.size() - maxLoras) + " or choose another engine.");
        } else {
            message.set("");
        }
    }

    private static double clamp(double scale) {
        double min = FillRequest.LORA_SCALE_RANGE.min();
        double max = FillRequest.LORA_SCALE_RANGE.max();
        return Double.isNaN(scale) ? DEFAULT_SCALE : Math.max(min, Math.min(max, scale));
    }
}
