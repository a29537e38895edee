package com.maskfill.engine.api.engine;

import java.math.BigDecimal;
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

    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }
}
