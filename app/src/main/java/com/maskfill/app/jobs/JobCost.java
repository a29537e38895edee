package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.PriceEstimate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished job cost: the provider's report, or where it reports none, the estimate from the documented price
 * (marked as such, since it is not what was charged).
 *
 * @param estimated true when no report came and this is the estimate
 */
public record JobCost(Cost cost, boolean estimated) {

    public JobCost {
        Objects.requireNonNull(cost, "cost");
    }

    /** The report when there is one, else a known estimate; empty for a free job or an unknown price. */
    public static Optional<JobCost> of(Optional<Cost> reported, PriceEstimate estimate) {
        if (reported.isPresent()) {
            return Optional.of(new JobCost(reported.get(), false));
        }
        return estimate != null && estimate.kind() == PriceEstimate.Kind.KNOWN
                ? Optional.of(new JobCost(estimate.total(), true)) : Optional.empty();
    }

    /** "0.04 USD", or "≈ 0.05 USD (estimate)". */
    public String text() {
        return estimated ? "≈ " + cost.shownAmount() + " " + cost.unit() + " (estimate)" : cost.toString();
    }
}
