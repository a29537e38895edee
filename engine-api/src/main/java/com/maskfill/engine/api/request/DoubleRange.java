package com.maskfill.engine.api.request;

/** An inclusive range of decimal numbers, printed without trailing zeros ({@code 28–35}, {@code 0–4}). */
public record DoubleRange(double min, double max) {

    public DoubleRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range " + min + "–" + max + " is empty: min must not exceed max");
        }
    }

    public static DoubleRange of(double min, double max) {
        return new DoubleRange(min, max);
    }

    /** NaN is never contained, so a NaN setting is always refused. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    public boolean encloses(DoubleRange other) {
        return other.min >= min && other.max <= max;
    }

    @Override
    public String toString() {
        return format(min) + "–" + format(max);
    }

    /** {@code 30.0 -> "30"}, {@code 0.25 -> "0.25"}: messages show numbers as a person would type them. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
