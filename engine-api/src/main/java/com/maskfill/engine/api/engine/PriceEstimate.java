package com.maskfill.engine.api.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a job should cost before it is sent: the engine's {@link Price} applied to the number of images and the
 * size the pipeline plans to send. An estimate, not a quote: the provider's own report is what was charged.
 *
 * @param kind       whether there is a figure
 * @param total      the figure for the whole job, exact (see {@link #shownAmount()}); null unless {@link Kind#KNOWN}
 * @param imageCount images the job asks for
 * @param workWidth  width of the image sent, 0 when not yet known
 * @param workHeight height of the image sent, 0 when not yet known
 * @param price      the engine's price, null when unknown
 */
public record PriceEstimate(Kind kind, Cost total, int imageCount, int workWidth, int workHeight, Price price) {

    /** Whether an estimate has a figure. */
    public enum Kind {
        /** The engine runs on the user's own hardware. */
        FREE,
        /** A figure from the documented price. */
        KNOWN,
        /** The engine states no price. */
        UNKNOWN,
        /** The price is by size and no size is planned yet (no mask, or one the engine cannot take). */
        NEEDS_SIZE
    }

    /**
     * @param workWidth  width of the image the job will send; 0 when not known (a per-image price needs none)
     * @param workHeight height of the image the job will send; 0 when not known
     */
    public static PriceEstimate of(Optional<Price> price, int imageCount, int workWidth, int workHeight) {
        if (imageCount < 1 || workWidth < 0 || workHeight < 0) {
            throw new IllegalArgumentException("imageCount = " + imageCount + ", size " + workWidth + "×" + workHeight
                    + ": at least one image and no negative side");
        }
        if (price.isEmpty()) {
            return new PriceEstimate(Kind.UNKNOWN, null, imageCount, workWidth, workHeight, null);
        }
        Price p = price.get();
        if (p.basis() == Price.Basis.FREE) {
            return new PriceEstimate(Kind.FREE, null, imageCount, workWidth, workHeight, p);
        }
        BigDecimal perImage;
        if (p.bySize()) {
            if (workWidth == 0 || workHeight == 0) {
                return new PriceEstimate(Kind.NEEDS_SIZE, null, imageCount, workWidth, workHeight, p);
            }
            BigDecimal megapixels = BigDecimal.valueOf((long) workWidth * workHeight)
                    .divide(BigDecimal.valueOf(Price.MEGAPIXEL));
            if (p.basis() == Price.Basis.PER_STARTED_MEGAPIXEL) {
                megapixels = megapixels.setScale(0, RoundingMode.CEILING);
            }
            perImage = p.amount().multiply(megapixels);
        } else {
            perImage = p.amount();
        }
        Cost total = new Cost(perImage.multiply(BigDecimal.valueOf(imageCount)), p.currency());
        return new PriceEstimate(Kind.KNOWN, total, imageCount, workWidth, workHeight, p);
    }

    /** The total as shown ({@link Cost#shownAmount()}: {@code 0.10}, {@code 0.035}); empty without a figure. */
    public Optional<String> shownAmount() {
        return Optional.ofNullable(total).map(Cost::shownAmount);
    }

    /** One line for the side panel and the command line: "≈ 0.10 USD for 4 images", "price unknown", "free: …". */
    public String text() {
        return switch (kind) {
            case FREE -> "free: " + price.source();
            case UNKNOWN -> "price unknown";
            case NEEDS_SIZE -> price + " (paint a mask for an estimate)";
            case KNOWN -> "≈ " + shownAmount().orElseThrow() + " " + total.unit() + " for " + imageCount
                    + (imageCount == 1 ? " image" : " images")
                    + (price.bySize() ? " of " + workWidth + "×" + workHeight + " px" : "");
        };
    }
}
