package com.maskfill.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.PriceEstimate;
import org.junit.jupiter.api.Test;

class LocalEnginePriceTest {

    @Test
    void theLocalEngineCostsNothingPerJob() {
        var price = new LocalEngineProvider().capabilities().price();

        assertEquals(Price.Basis.FREE, price.orElseThrow().basis());
        assertEquals("free: your own GPU", PriceEstimate.of(price, 4, 1024, 1024).text());
    }
}
