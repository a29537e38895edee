package com.maskfill.app.ui;

import com.maskfill.app.jobs.PriceCeiling;
import com.maskfill.engine.api.engine.PriceEstimate;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Whether Generate may send a job at its estimated price: always without a ceiling; with one, only a job within it,
 * or one the user agrees to when asked (a dearer job, or one whose price is unknown).
 */
final class PriceApproval implements Predicate<PriceEstimate> {

    private final PriceCeilingViewModel ceiling;
    private final Predicate<String> confirm;
    private final Consumer<String> error;

    /**
     * @param confirm asks the user a question, true for "send"
     * @param error   tells the user why nothing was sent
     */
    PriceApproval(PriceCeilingViewModel ceiling, Predicate<String> confirm, Consumer<String> error) {
        this.ceiling = ceiling;
        this.confirm = confirm;
        this.error = error;
    }

    @Override
    public boolean test(PriceEstimate estimate) {
        if (!ceiling.errorProperty().get().isEmpty()) {
            error.accept("The price limit per job is not an amount: fix it, or switch it off, before Generate.");
            return false;
        }
        Optional<PriceCeiling> limit = ceiling.ceiling();
        if (limit.isEmpty()) {
            return true;
        }
        return switch (limit.get().check(estimate)) {
            case WITHIN -> true;
            case ABOVE -> confirm.test("This job should cost " + estimate.text() + ", more than your limit of "
                    + limit.get() + " per job. Send it anyway?");
            case UNKNOWN -> confirm.test("This job's price is unknown" + (estimate.kind() == PriceEstimate.Kind.KNOWN
                    ? " in " + limit.get().unit() + " (" + estimate.text() + ")" : "") + ", and your limit is "
                    + limit.get() + " per job. Send it anyway?");
        };
    }
}
