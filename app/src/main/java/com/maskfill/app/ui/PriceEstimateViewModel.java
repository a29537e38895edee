package com.maskfill.app.ui;

import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.PixelRect;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.WorkResolution;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.util.Duration;

/**
 * What Generate would cost, shown before the click: the chosen engine's documented price for the image count and
 * the size the pipeline would send for the current mask and resolution setting. Settings changes show at once;
 * a mask change is measured again once painting pauses, since a stroke changes the mask at every dab.
 */
public final class PriceEstimateViewModel {

    /** How long painting must pause before the mask is measured again. */
    static final Duration SETTLE = Duration.millis(250);

    private final JobSettingsViewModel settings;
    private final Supplier<Mask> mask;
    private final FillPipeline pipeline = new FillPipeline();
    private final PauseTransition settle = new PauseTransition(SETTLE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    /** The painted area of the current mask, or null when there is no mask or nothing is painted. */
    private Region maskBox;
    private int imageWidth;
    private int imageHeight;

    /** @param document the current mask document (null when no photo is open); read on the FX thread */
    public PriceEstimateViewModel(JobSettingsViewModel settings, ObservableValue<MaskDocument> document) {
        this.settings = settings;
        this.mask = () -> document.getValue() == null ? null : document.getValue().mask();
        settle.setOnFinished(e -> measureMask());
        // The estimate follows the painted area: each new mask document (a new photo, a grown canvas) is watched.
        document.addListener((obs, old, doc) -> {
            if (doc != null) {
                doc.mask().addListener(dirty -> maskChanged());
            }
            maskChanged();
        });
        if (document.getValue() != null) {
            document.getValue().mask().addListener(dirty -> maskChanged());
        }
        settings.engineProperty().addListener((obs, old, now) -> refresh());
        settings.imageCountProperty().addListener((obs, old, now) -> refresh());
        settings.modelResolutionProperty().addListener((obs, old, now) -> refresh());
        measureMask();
    }

    /** "≈ 0.10 USD for 4 images", "price unknown", "free: your own GPU"; empty when no engine is chosen. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Where the price was read and when, or why there is none, for the label's tooltip. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The mask (or the photo under it) changed: measured again once changes pause for {@link #SETTLE}. */
    public void maskChanged() {
        settle.playFromStart();
    }

    private void measureMask() {
        Mask current = mask.get();
        PixelRect box = current == null ? PixelRect.EMPTY : current.nonZeroBounds();
        maskBox = box.isEmpty() ? null : new Region(box.x(), box.y(), box.width(), box.height());
        imageWidth = current == null ? 0 : current.width();
        imageHeight = current == null ? 0 : current.height();
        refresh();
    }

    private void refresh() {
        EngineChoice engine = settings.engineProperty().get();
        if (engine == null) {
            text.set("");
            detail.set("");
            return;
        }
        Capabilities capabilities = engine.capabilities();
        boolean atModel = settings.modelResolutionProperty().get();
        PriceEstimate estimate = estimate(capabilities, atModel ? WorkResolution.MODEL : WorkResolution.AS_IS);
        // the resolution switch trades detail for price on engines priced by size: say what the other choice costs
        PriceEstimate other = estimate(capabilities, atModel ? WorkResolution.AS_IS : WorkResolution.MODEL);
        boolean differs = estimate.kind() == PriceEstimate.Kind.KNOWN && other.kind() == PriceEstimate.Kind.KNOWN
                && !estimate.shownAmount().equals(other.shownAmount());
        text.set(estimate.text() + (differs ? " (" + (atModel ? "as is" : "model resolution") + ": ≈ "
                + other.shownAmount().orElseThrow() + ")" : ""));
        detail.set(switch (estimate.kind()) {
            case UNKNOWN -> "This engine's price is not documented where Maskfill read prices: see the provider's "
                    + "own page";
            case FREE -> "No charge per job";
            case KNOWN, NEEDS_SIZE -> "From " + estimate.price().source() + ". An estimate: what the provider reports "
                    + "is what is charged";
        });
    }

    private PriceEstimate estimate(Capabilities capabilities, WorkResolution resolution) {
        return pipeline.estimate(imageWidth, imageHeight, maskBox, resolution, settings.imageCountProperty().get(),
                capabilities);
    }
}
