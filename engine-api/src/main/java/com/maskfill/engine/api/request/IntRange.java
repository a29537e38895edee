package com.maskfill.engine.api.request;

/** An inclusive range of whole numbers, printed the way validation messages show it ({@code 1–50}). */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range " + min + "–" + max + " is empty: min must not exceed max");
        }
    }

    public static IntRange of(int min, int max) {
        return new IntRange(min, max);
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    public int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }

    /** True when every value of {@code other} lies inside this range. */
    public boolean encloses(IntRange other) {
        return other.min >= min && other.max <= max;
    }

    @Override
    public String toString() {
        return min + "–" + max;
    }
}
