package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.PriceEstimate;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The most one job may cost before Maskfill asks (the editor) or refuses (the command line): an amount in a
 * currency or provider unit, as {@link com.maskfill.engine.api.engine.Price} states them.
 */
public record PriceCeiling(BigDecimal amount, String unit) {

    /** The unit of a ceiling given as a bare amount: every documented price is in US dollars. */
    public static final String DEFAULT_UNIT = "USD";

    /** What a job's estimate is against the ceiling. */
    public enum Verdict {
        /** Free, or at most the ceiling. */
        WITHIN,
        /** More than the ceiling. */
        ABOVE,
        /** No figure to compare (the price is unknown, or in another unit than the ceiling). */
        UNKNOWN
    }

    public PriceCeiling {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a price ceiling of " + amount + " is below zero");
        }
    }

    /**
     * "0.10" (US dollars) or "0.10 USD", "20 credits".
     *
     * @throws IllegalArgumentException naming the text when it is no such amount
     */
    public static PriceCeiling parse(String text) {
        String[] parts = text.strip().split("\\s+", 2);
        try {
            BigDecimal amount = new BigDecimal(parts[0].replace(',', '.'));
            if (amount.signum() >= 0) {
                return new PriceCeiling(amount, parts.length > 1 ? parts[1].strip() : DEFAULT_UNIT);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("\"" + text.strip() + "\" is not an amount such as 0.10 or 0.10 USD");
    }

    public Verdict check(PriceEstimate estimate) {
        return switch (estimate.kind()) {
            case FREE -> Verdict.WITHIN;
            case UNKNOWN, NEEDS_SIZE -> Verdict.UNKNOWN;
            case KNOWN -> !estimate.total().unit().toLowerCase(Locale.ROOT).equals(unit.toLowerCase(Locale.ROOT))
                    ? Verdict.UNKNOWN
                    : estimate.total().amount().compareTo(amount) > 0 ? Verdict.ABOVE : Verdict.WITHIN;
        };
    }

    /** "0.10 USD". */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }
}
