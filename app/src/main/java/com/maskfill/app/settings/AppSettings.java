package com.maskfill.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the editor remembers between runs. Plain mutable bean for Jackson; unknown fields are ignored so a
 * settings file written by a newer version still opens.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class AppSettings {

    public static final int MAX_RECENT_FILES = 10;

    public WindowBounds window;
    public String lastFolder;
    public List<String> recentFiles = new ArrayList<>();
    /** The engine chosen last time, picked again at the next start. */
    public String lastEngine;
    /** Base URL overrides by engine id (proxies, self-hosted gateways); absent = the documented URL. */
    public Map<String, String> engineEndpoints = new TreeMap<>();
    /** Plain engine settings by engine id, then by option key (the local engine's model folder, device, ...). */
    public Map<String, Map<String, String>> engineOptions = new TreeMap<>();

    /** The most one job may cost before Generate asks ("0.10 USD"); null: never asks (the default). */
    public String maxJobPrice;
    /** What the jobs of one day cost; null: nothing yet. */
    public DaySpend spend;

    /** The brush's and the eraser's size and hardness last time; null: the defaults. */
    public BrushMemory brush;
    public BrushMemory eraser;

    /** Puts {@code path} first in the recent files, without duplicates, keeping at most {@link #MAX_RECENT_FILES}. */
    public void rememberRecent(String path) {
        recentFiles.remove(path);
        recentFiles.add(0, path);
        while (recentFiles.size() > MAX_RECENT_FILES) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }

    /** A paint tool's size (px) and hardness (0–1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BrushMemory(double size, double hardness) {
    }

    /**
     * The costs of one local day's jobs, summed per currency or unit: reported costs, and estimates where none was
     * reported ({@code estimatedUnits} names the units whose sum holds an estimate).
     *
     * @param day ISO date, e.g. {@code 2026-12-03}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DaySpend(String day, Map<String, BigDecimal> totals, List<String> estimatedUnits) {
        public DaySpend {
            totals = totals == null ? Map.of() : Map.copyOf(totals);
            estimatedUnits = estimatedUnits == null ? List.of() : List.copyOf(estimatedUnits);
        }
    }

    /** Window position and size in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }
}
