package com.maskfill.engine.api.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a job cost, as the provider reports or prices it.
 *
 * @param unit an ISO currency code such as {@code "USD"}, or a provider unit such as {@code "credits"}
 */
public record Cost(BigDecimal amount, String unit) {

    public Cost {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
    }

    public static Cost usd(String amount) {
        return new Cost(new BigDecimal(amount), "USD");
    }

    /**
     * The amount as shown: at most three decimals, a fraction rounded up (an estimate or a sum should not promise
     * less than is charged), at least two ({@code 0.10}, {@code 0.035}).
     */
    public String shownAmount() {
        BigDecimal shown = amount.setScale(3, RoundingMode.UP).stripTrailingZeros();
        return shown.scale() < 2 ? shown.setScale(2).toPlainString() : shown.toPlainString();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }
}
