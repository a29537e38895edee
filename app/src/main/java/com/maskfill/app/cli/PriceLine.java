package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.PriceEstimate;

/** The one stderr line {@code generate} prints before it submits: what the job should cost on this engine. */
final class PriceLine {

    private PriceLine() {
    }

    static String of(PriceEstimate estimate) {
        return "Price: " + estimate.text();
    }
}
