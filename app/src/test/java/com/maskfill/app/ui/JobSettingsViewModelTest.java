package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Capabilities;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSettingsViewModelTest {

    private final JobSettingsViewModel model = new JobSettingsViewModel(List.of());

    @Test
    void startsWithFluxFillDefaults() {
        assertEquals(new BigDecimal("28"), model.steps().valueProperty().get());
        assertEquals(0, new BigDecimal("30").compareTo(model.guidance().valueProperty().get()));
        assertEquals(1, model.imageCountProperty().get());
        assertTrue(model.seed().isValid());
        assertTrue(model.validProperty().get());
    }

    @Test
    void outOfRangeStepsAreReportedInlineWithTheAllowedRange() {
        model.steps().textProperty().set("60");

        assertEquals("Steps 60 is out of range: allowed 1–50.", model.steps().errorProperty().get());
        assertNull(model.steps().valueProperty().get());
        assertFalse(model.validProperty().get());

        model.steps().textProperty().set("12");
        assertEquals("", model.steps().errorProperty().get());
        assertTrue(model.validProperty().get());
    }

    @Test
    void textAndFractionsAreRefusedWhereWholeNumbersAreExpected() {
        model.steps().textProperty().set("many");
        assertEquals("Steps must be a whole number from 1 to 50, not “many”.", model.steps().errorProperty().get());

        model.steps().textProperty().set("2.5");
        assertEquals("Steps must be a whole number from 1 to 50, not 2.5.", model.steps().errorProperty().get());

        model.seed().textProperty().set("");
        assertEquals("Seed is empty: enter a whole number from 0 to 4294967295.", model.seed().errorProperty().get());
    }

    @Test
    void guidanceAcceptsDecimalsWithAPointOrAComma() {
        model.guidance().textProperty().set("3,5");
        assertEquals(0, new BigDecimal("3.5").compareTo(model.guidance().valueProperty().get()));

        model.guidance().textProperty().set("101");
        assertEquals("Guidance 101 is out of range: allowed 0–100.", model.guidance().errorProperty().get());
    }

    @Test
    void randomSeedsStayInTheUnsignedThirtyTwoBitRange() {
        for (int i = 0; i < 200; i++) {
            model.randomizeSeed();
            long seed = model.seed().valueProperty().get().longValueExact();
            assertTrue(seed >= 0 && seed <= JobSettingsViewModel.MAX_SEED, "seed " + seed);
        }
    }

    @Test
    void imageCountStaysBetweenOneAndFour() {
        model.imageCountProperty().set(9);
        assertEquals(4, model.imageCountProperty().get());
        model.imageCountProperty().set(0);
        assertEquals(1, model.imageCountProperty().get());
    }

    @Test
    void theSettingsFollowTheChosenEnginesLimits() {
        EngineChoice oneImage = new EngineChoice("one", "One image", Capabilities.builder().guidanceRange(0, 50)
                .maxImages(1).safetyCheckerOptional(false).build());
        JobSettingsViewModel withEngines = new JobSettingsViewModel(List.of(
                new EngineChoice("any", "Any", List.of()), oneImage));
        withEngines.imageCountProperty().set(3);
        withEngines.guidance().textProperty().set("60");
        withEngines.safetyCheckerProperty().set(false);
        assertEquals("", withEngines.guidance().errorProperty().get());

        withEngines.engineProperty().set(oneImage);

        assertEquals(1, withEngines.imageCountProperty().get(), "clamped to what the engine makes");
        assertEquals(1, withEngines.maxImagesProperty().get());
        assertEquals("Guidance 60 is out of range: allowed 0–50.", withEngines.guidance().errorProperty().get());
        assertEquals("0–50", withEngines.guidance().rangeText());
        assertTrue(withEngines.safetyCheckerProperty().get(), "this engine always checks");
        assertFalse(withEngines.safetyCheckerOptionalProperty().get());
    }

    @Test
    void restoringSettingsOfAnotherEngineKeepsTheirImageCount() {
        EngineChoice oneImage = new EngineChoice("one", "One image", Capabilities.builder().maxImages(1).build());
        EngineChoice four = new EngineChoice("four", "Four images", Capabilities.builder().maxImages(4).build());
        JobSettingsViewModel withEngines = new JobSettingsViewModel(List.of(oneImage, four));
        withEngines.engineProperty().set(oneImage);

        withEngines.restore(new com.maskfill.app.project.JobSettings("a lantern", 20, 30, 7, true, 4, "four"));

        assertEquals(four, withEngines.engineProperty().get());
        assertEquals(4, withEngines.imageCountProperty().get(), "not clamped to the engine chosen before");
        assertEquals("a lantern", withEngines.promptProperty().get());
    }

    @Test
    void anEmptyEnginePickerSaysWhy() {
        assertTrue(model.engines().isEmpty());
        assertTrue(model.engineMessageProperty().get().startsWith("No engines found."));

        JobSettingsViewModel withEngine = new JobSettingsViewModel(List.of(new EngineChoice("x", "X Engine", List.of())));
        assertEquals("X Engine", withEngine.engineProperty().get().displayName());
        assertEquals("", withEngine.engineMessageProperty().get());
    }

    private static final EngineChoice DEV = new EngineChoice("dev", "Fill [dev]", Capabilities.builder().build());
    /** Like BFL's Fill [pro]: its own guidance scale, default 60. */
    private static final EngineChoice PRO = new EngineChoice("pro", "Fill [pro]",
            Capabilities.builder().guidanceRange(1.5, 100).defaultGuidance(60).build());

    @Test
    void switchingEngineWithGuidanceUntouchedTakesTheNewEnginesDefault() {
        JobSettingsViewModel settings = new JobSettingsViewModel(List.of(DEV, PRO));
        assertEquals("30", settings.guidance().textProperty().get());

        settings.engineProperty().set(PRO);
        assertEquals("60", settings.guidance().textProperty().get());

        settings.engineProperty().set(DEV);
        assertEquals("30", settings.guidance().textProperty().get());
    }

    @Test
    void guidanceTheUserChoseIsKeptWhenTheEngineChanges() {
        JobSettingsViewModel settings = new JobSettingsViewModel(List.of(DEV, PRO));
        settings.guidance().textProperty().set("35");

        settings.engineProperty().set(PRO);

        assertEquals("35", settings.guidance().textProperty().get());
    }

    @Test
    void theFirstEngineChosenSetsTheStartingGuidance() {
        JobSettingsViewModel settings = new JobSettingsViewModel(List.of(PRO, DEV));

        assertEquals("60", settings.guidance().textProperty().get());
    }
}
