package com.maskfill.engine.api.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an engine charges, as its provider documents it, with where and when that was read: prices change, and a
 * figure without its source cannot be checked. An engine that states no price ({@link Capabilities#price()} empty)
 * is one whose price is unknown, never a free one.
 *
 * @param basis    what the amount is charged for
 * @param amount   per image or per megapixel; 0 when free
 * @param currency an ISO currency code such as {@code "USD"}, or a provider unit such as {@code "credits"}
 * @param source   where the figure was read and when, or why it costs nothing
 */
public record Price(Basis basis, BigDecimal amount, String currency, String source) {

    /** Pixels in one megapixel as a per-megapixel price counts them. */
    public static final long MEGAPIXEL = 1_000_000L;

    /** What a price is charged for. */
    public enum Basis {
        /** Nothing: the job runs on the user's own hardware. */
        FREE,
        /** Each output image, whatever its size. */
        PER_IMAGE,
        /** Each megapixel of each output image. */
        PER_MEGAPIXEL,
        /** Each megapixel of each output image, a part of one charged as a whole one. */
        PER_STARTED_MEGAPIXEL
    }

    public Price {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(source, "source");
        if (amount.signum() < 0 || (basis == Basis.FREE) != (amount.signum() == 0)) {
            throw new IllegalArgumentException("price " + amount + " " + currency + " does not fit " + basis);
        }
    }

    /** @param why what runs the job instead of a paid service, e.g. "your own GPU" */
    public static Price free(String why) {
        return new Price(Basis.FREE, BigDecimal.ZERO, "", why);
    }

    public static Price perImage(String amount, String currency, String source) {
        return new Price(Basis.PER_IMAGE, new BigDecimal(amount), currency, source);
    }

    /** @param wholeMegapixels true when the provider rounds each image up to whole megapixels */
    public static Price perMegapixel(String amount, String currency, boolean wholeMegapixels, String source) {
        return new Price(wholeMegapixels ? Basis.PER_STARTED_MEGAPIXEL : Basis.PER_MEGAPIXEL, new BigDecimal(amount),
                currency, source);
    }

    /** True when the cost depends on the size of the image sent. */
    public boolean bySize() {
        return basis == Basis.PER_MEGAPIXEL || basis == Basis.PER_STARTED_MEGAPIXEL;
    }

    @Override
    public String toString() {
        return switch (basis) {
            case FREE -> "free: " + source;
            case PER_IMAGE -> amount.toPlainString() + " " + currency + " per image";
            case PER_MEGAPIXEL -> amount.toPlainString() + " " + currency + " per megapixel";
            case PER_STARTED_MEGAPIXEL -> amount.toPlainString() + " " + currency + " per megapixel, rounded up";
        };
    }
}
