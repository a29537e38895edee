package com.maskfill.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.PriceEstimate;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceCeilingTest {

    private static PriceEstimate perImage(String amount, String unit, int images) {
        return PriceEstimate.of(Optional.of(Price.perImage(amount, unit, "a test price list")), images, 0, 0);
    }

    @Test
    void aBareAmountIsInUsDollarsAndAUnitMayFollow() {
        assertEquals(new PriceCeiling(new BigDecimal("0.10"), "USD"), PriceCeiling.parse(" 0.10 "));
        assertEquals(new PriceCeiling(new BigDecimal("20"), "credits"), PriceCeiling.parse("20 credits"));
        assertEquals(new PriceCeiling(new BigDecimal("0.5"), "USD"), PriceCeiling.parse("0,5"));
    }

    @Test
    void wordsAndNegativeAmountsAreRefusedNamingWhatWasGiven() {
        assertEquals("\"cheap\" is not an amount such as 0.10 or 0.10 USD",
                assertThrows(IllegalArgumentException.class, () -> PriceCeiling.parse("cheap")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriceCeiling.parse("-1"));
    }

    @Test
    void onlyAnEstimateAboveTheCeilingIsDearer() {
        PriceCeiling ceiling = PriceCeiling.parse("0.10");
        assertEquals(PriceCeiling.Verdict.WITHIN, ceiling.check(perImage("0.05", "USD", 2)), "0.10 is not above 0.10");
        assertEquals(PriceCeiling.Verdict.ABOVE, ceiling.check(perImage("0.035", "USD", 3)));
    }

    @Test
    void anUnknownPriceOrOneInAnotherUnitCannotBeCompared() {
        PriceCeiling ceiling = PriceCeiling.parse("0.10");
        assertEquals(PriceCeiling.Verdict.UNKNOWN, ceiling.check(PriceEstimate.of(Optional.empty(), 1, 0, 0)));
        assertEquals(PriceCeiling.Verdict.UNKNOWN, ceiling.check(perImage("0.01", "credits", 1)));
        assertEquals(PriceCeiling.Verdict.WITHIN,
                ceiling.check(PriceEstimate.of(Optional.of(Price.free("your own GPU")), 4, 0, 0)), "free");
    }
}
