package com.maskfill.app.ui;

import java.math.BigDecimal;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A number the user types, validated as they type: the text is the input, the parsed value and the error
 * message are read-only results. An invalid text never throws; it sets the error and clears the value.
 */
public final class NumberSetting {

    private final String label;
    private BigDecimal min;
    private BigDecimal max;
    private final boolean wholeNumber;

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<BigDecimal> value = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper();

    private NumberSetting(String label, BigDecimal min, BigDecimal max, boolean wholeNumber, String initial) {
        this.label = label;
        this.min = min.stripTrailingZeros();
        this.max = max.stripTrailingZeros();
        this.wholeNumber = wholeNumber;
        rangeText.set(formatRange());
        text.addListener((obs, old, now) -> validate(now));
        text.set(initial);
        validate(initial);
    }

    public static NumberSetting wholeNumber(String label, long min, long max, long initial) {
        return new NumberSetting(label, BigDecimal.valueOf(min), BigDecimal.valueOf(max), true,
                Long.toString(initial));
    }

    public static NumberSetting decimal(String label, double min, double max, double initial) {
        return new NumberSetting(label, BigDecimal.valueOf(min), BigDecimal.valueOf(max), false,
                BigDecimal.valueOf(initial).stripTrailingZeros().toPlainString());
    }

    /** Narrows or widens the allowed range (the chosen engine's), re-checking what is typed. */
    public void setRange(double newMin, double newMax) {
        min = BigDecimal.valueOf(newMin).stripTrailingZeros();
        max = BigDecimal.valueOf(newMax).stripTrailingZeros();
        rangeText.set(formatRange());
        validate(text.get());
    }

    /** "1–50": the allowed range, for the field's caption. */
    public String rangeText() {
        return rangeText.get();
    }

    /**
     * The allowed range as text, changing when the range does: a caption bound to it cannot show an old range,
     * whatever order listeners of the engine choice run in.
     */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    private String formatRange() {
        return min.toPlainString() + "–" + max.toPlainString();
    }

    /** What the user typed; bind the text field to it. */
    public StringProperty textProperty() {
        return text;
    }

    /** The valid value, or null while the text is invalid. */
    public ReadOnlyObjectProperty<BigDecimal> valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** Empty when valid, otherwise what is wrong and what is allowed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isValid() {
        return value.get() != null;
    }

    private void validate(String input) {
        String trimmed = input == null ? "" : input.trim();
        String allowed = wholeNumber
                ? "a whole number from " + min.toPlainString() + " to " + max.toPlainString()
                : "a number from " + min.toPlainString() + " to " + max.toPlainString();
        BigDecimal parsed = null;
        String problem = "";
        if (trimmed.isEmpty()) {
            problem = label + " is empty: enter " + allowed + ".";
        } else {
            try {
                parsed = new BigDecimal(trimmed.replace(',', '.'));
                if (wholeNumber && parsed.stripTrailingZeros().scale() > 0) {
                    problem = label + " must be " + allowed + ", not " + trimmed + ".";
                    parsed = null;
                } else if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                    problem = label + " " + trimmed + " is out of range: allowed " + min.toPlainString() + "–"
                            + max.toPlainString() + ".";
                    parsed = null;
                }
            } catch (NumberFormatException e) {
                problem = label + " must be " + allowed + ", not “" + trimmed + "”.";
            }
        }
        value.set(parsed);
        error.set(problem);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%s", label, text.get());
    }
}
