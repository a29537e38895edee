package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Price;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The side panel shows what Generate would cost, in the real window, before the click. */
@ExtendWith(ApplicationExtension.class)
class PriceEstimateInEditorTest {

    private static final EngineChoice PER_IMAGE = new EngineChoice("test-per-image", "Per image",
            Capabilities.builder().maxImages(4).price(Price.perImage("0.05", "USD", "a test price list")).build());
    private static final EngineChoice PER_MEGAPIXEL = new EngineChoice("test-per-mp", "Per megapixel",
            Capabilities.builder().maxImages(4).workingPixels(1024 * 1024)
                    .price(Price.perMegapixel("0.05", "USD", false, "a test price list")).build());
    private static final EngineChoice UNPRICED = new EngineChoice("test-unpriced", "Unpriced",
            Capabilities.builder().build());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(PER_IMAGE, PER_MEGAPIXEL, UNPRICED), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(2000, 1500));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private static String shown(FxRobot robot) {
        return robot.lookup("#price-estimate").queryAs(Label.class).getText();
    }

    private void paintMask(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 900, 700, 60, 40);
        });
    }

    @Test
    void theEstimateFollowsTheImageCount(FxRobot robot) {
        robot.interact(() -> window.jobSettings().engineProperty().set(PER_IMAGE));
        robot.interact(() -> window.jobSettings().imageCountProperty().set(1));
        assertEquals("≈ 0.05 USD for 1 image", shown(robot));

        robot.clickOn("#image-count-4");

        assertEquals("≈ 0.20 USD for 4 images", shown(robot));
    }

    @Test
    void aPricePerMegapixelFollowsTheMaskAndTheResolutionSetting(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(PER_MEGAPIXEL);
            window.jobSettings().imageCountProperty().set(1);
            window.jobSettings().modelResolutionProperty().set(true);
        });
        assertTrue(shown(robot).contains("paint a mask"), shown(robot));

        paintMask(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shown(robot).startsWith("≈"));
        String atModelResolution = shown(robot);
        assertTrue(atModelResolution.matches("≈ 0\\.05\\d? USD for 1 image of \\d+×\\d+ px \\(as is: ≈ 0\\.0[0-2]\\d?\\)"),
                "the cheaper choice is named beside it: " + atModelResolution);

        robot.interact(() -> window.jobSettings().modelResolutionProperty().set(false));
        // as is, the 60 × 40 area and its context are sent near their own size: far below a megapixel
        assertNotEquals(atModelResolution, shown(robot));
        assertTrue(shown(robot).matches("≈ 0\\.0[0-2]\\d? USD for 1 image of \\d+×\\d+ px \\(model resolution: ≈ 0\\.05\\d?\\)"),
                shown(robot));
    }

    @Test
    void anEngineWithoutADocumentedPriceSaysSo(FxRobot robot) {
        robot.interact(() -> window.jobSettings().engineProperty().set(UNPRICED));

        assertEquals("price unknown", shown(robot));
    }
}
