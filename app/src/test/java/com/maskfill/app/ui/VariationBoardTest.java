package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.canvas.CompareDivider;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.history.ResultThumbnails;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The variation board beside the canvas, in the real window: every result as a thumbnail under its job, a click
 * shows it, the star survives saving, "keep favourites" is one undo step, Ctrl+click compares two on the divider.
 */
@ExtendWith(ApplicationExtension.class)
class VariationBoardTest {

    private static final int W = 800;
    private static final int H = 500;
    /** Paints each image a colour of its own seed, so two variations differ on screen. */
    private static final EngineChoice VARIATIONS = EngineChoice.of(EngineProviders.find("test-variations")
            .orElseThrow());

    @TempDir
    static Path dir;

    private Path config;
    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(dir, "config");
        tasks = new BackgroundTasks();
        window = newWindow(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(VARIATIONS), tasks));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void theBoardShowsEveryResultAsAThumbnailGroupedByJobWithPromptSeedAndEngine(FxRobot robot) throws Exception {
        paintMask(robot, 300, 200, 60, 60);
        generate(robot, "a teal patch", 2);
        generate(robot, "a red door", 1);
        waitForThumbnails(robot, 3);

        List<Node> jobs = List.copyOf(robot.lookup(".board-job").queryAll());
        assertEquals(2, jobs.size(), "one section per job");
        List<ResultGroup> groups = window.jobs().results().groups();
        for (int i = 0; i < 2; i++) {
            Node section = jobs.get(i);
            ResultGroup group = groups.get(i);
            assertSame(group, section.getUserData(), "oldest job first");
            assertEquals("Job #" + (i + 1), label(robot, section, ".board-job-title"));
            assertEquals("“" + group.provenance().prompt() + "”", label(robot, section, ".board-prompt"));
            assertEquals("seed " + group.provenance().seed() + " · " + VARIATIONS.displayName(),
                    label(robot, section, ".board-made"));
            assertEquals(group.layers().size(), robot.from(section).lookup(".board-tile").queryAll().size());
        }
        assertEquals("“a red door”", label(robot, jobs.get(1), ".board-prompt"));
        for (StackPane tile : tiles(robot)) {
            assertInView(tile);
            assertNotNull(((ImageView) tile.getChildren().get(0)).getImage(), "every tile shows its picture");
        }
        WritableImage look = WaitForAsyncUtils.asyncFx(() -> window.canvas().getScene().snapshot(null)).get();
        javax.imageio.ImageIO.write(FxImages.toArgb(look), "png", Path.of("target", "variation-board.png").toFile());
    }

    @Test
    void clickingAThumbnailShowsThatResultOnTheCanvasAndTheArrowsStillBrowse(FxRobot robot) throws Exception {
        paintMask(robot, 300, 200, 60, 60);
        generate(robot, "a teal patch", 3);
        waitForThumbnails(robot, 3);
        ResultLayer second = window.jobs().results().layers().get(1);

        robot.clickOn(tiles(robot).get(1));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(second, window.jobs().results().getSelected());
        assertEquals(colourOf(second, 330, 230), shownAt(330, 230), "the canvas shows it");
        assertTrue(tiles(robot).get(1).getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("shown")), "its tile is marked as the shown one");
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(window.jobs().results().layers().get(2), window.jobs().results().getSelected(),
                "→ goes on from the clicked result (the keyboard stayed with the canvas)");
    }

    @Test
    void aStarSurvivesSavingAndReopeningTheProject(FxRobot robot) throws Exception {
        paintMask(robot, 300, 200, 60, 60);
        generate(robot, "a teal patch", 2);
        waitForThumbnails(robot, 2);
        int steps = window.maskTools().document().history().undoCount();

        robot.clickOn(star(robot, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.jobs().results().layers().get(1).favourite());
        assertFalse(window.jobs().results().layers().get(0).favourite());
        assertTrue(star(robot, 1).isSelected(), "the star shows it");
        assertEquals(steps + 1, window.maskTools().document().history().undoCount(), "a star is an undo step");

        Path file = dir.resolve("starred.maskfill");
        robot.interact(() -> window.projects().save(file, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> file.equals(window.projects().projectFileProperty()
                .get()));
        EditorWindow second = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
        try {
            robot.interact(() -> second.open(file));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> second.jobs().results().layers().size() == 2);
            assertFalse(second.jobs().results().layers().get(0).favourite());
            assertTrue(second.jobs().results().layers().get(1).favourite(), "the star came back with the project");
            List<ToggleButton> stars = WaitForAsyncUtils.asyncFx(() -> second.canvas().getScene().getRoot()
                    .lookupAll(".board-star").stream().map(ToggleButton.class::cast).toList()).get();
            assertEquals(List.of(false, true), stars.stream().map(ToggleButton::isSelected).toList(),
                    "and shows on the reopened board");
        } finally {
            robot.interact(() -> ((Stage) second.canvas().getScene().getWindow()).close());
        }
    }

    @Test
    void keepFavouritesDiscardsTheRestOfTheJobAsOneStepThatUndoBringsBack(FxRobot robot) throws Exception {
        paintMask(robot, 300, 200, 60, 60);
        generate(robot, "a teal patch", 3);
        waitForThumbnails(robot, 3);
        List<ResultLayer> all = window.jobs().results().layers();
        Button keep = robot.lookup(".board-keep-favourites").queryAs(Button.class);
        assertTrue(keep.isDisabled(), "nothing starred: nothing to keep");

        robot.clickOn(star(robot, 1));
        WaitForAsyncUtils.waitForFxEvents();
        int steps = window.maskTools().document().history().undoCount();
        robot.clickOn(robot.lookup(".board-keep-favourites").queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(all.get(1)), window.jobs().results().layers(), "the favourite alone is left");
        assertEquals(1, tiles(robot).size());
        assertEquals(steps + 1, window.maskTools().document().history().undoCount(), "in one undo step");

        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(all, window.jobs().results().layers(), "Ctrl+Z brings the others back");
        assertTrue(window.jobs().results().layers().get(1).favourite(), "the favourite still starred");
        waitForThumbnails(robot, 3);
    }

    @Test
    void aThumbnailIsSmallMadeOnceAndHoldsNoFullSizePixels(FxRobot robot) throws Exception {
        paintMask(robot, 100, 60, 560, 380);
        generate(robot, "a wide field", 2);
        waitForThumbnails(robot, 2);
        ResultLayer layer = window.jobs().results().layers().get(0);
        int regionW = layer.region().width();
        int regionH = layer.region().height();
        assertTrue(regionW > 500 && regionH > 300, "a large result: " + layer.region());

        Image thumbnail = window.board().thumbnailOf(layer).get();
        int[] expected = ResultThumbnails.size(layer.region());
        assertEquals(ResultThumbnails.LONGEST_SIDE, Math.max(thumbnail.getWidth(), thumbnail.getHeight()));
        assertEquals(expected[0], thumbnail.getWidth());
        assertEquals(expected[1], thumbnail.getHeight());
        assertTrue(thumbnail.getWidth() * thumbnail.getHeight() * 10 < (double) regionW * regionH,
                "far fewer pixels than the result");
        assertSame(thumbnail, ((ImageView) tiles(robot).get(0).getChildren().get(0)).getImage(),
                "the tile shows that small picture");
        int middle = colourOf(layer, layer.region().x() + regionW / 2, layer.region().y() + regionH / 2);
        int pictured = thumbnail.getPixelReader().getArgb((int) thumbnail.getWidth() / 2,
                (int) thumbnail.getHeight() / 2);
        for (int shift = 0; shift <= 16; shift += 8) {
            assertEquals(middle >> shift & 0xFF, pictured >> shift & 0xFF, 2, "it pictures the result");
        }

        int made = window.board().thumbnailsMade();
        robot.clickOn(star(robot, 0)); // the board is laid out again
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(made, window.board().thumbnailsMade(), "made once per result");
        assertSame(thumbnail, ((ImageView) tiles(robot).get(0).getChildren().get(0)).getImage());
    }

    @Test
    void ctrlClickComparesTwoResultsOneEachSideOfTheDivider(FxRobot robot) throws Exception {
        paintMask(robot, 300, 200, 60, 60);
        generate(robot, "a teal patch", 2);
        waitForThumbnails(robot, 2);
        ResultLayer first = window.jobs().results().layers().get(0);
        ResultLayer second = window.jobs().results().layers().get(1);
        robot.clickOn(tiles(robot).get(0));

        robot.press(KeyCode.CONTROL).clickOn(tiles(robot).get(1)).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        CompareDivider divider = robot.lookup("#compare-divider").queryAs(CompareDivider.class);
        assertTrue(divider.isVisible(), "the divider is on the canvas");
        assertTrue(robot.lookup("#result-compare").queryAs(ToggleButton.class).isSelected());
        assertEquals(first, window.jobs().results().getSelected(), "the shown result stays shown");
        assertEquals(second, window.board().comparedProperty().get());
        ViewTransform t = window.canvas().getTransform();
        assertEquals(t.toViewX(330), divider.viewX(), 1.0, "in the middle of the result");
        assertEquals(colourOf(second, 310, 230), shownAt(310, 230), "left of it: the Ctrl+clicked result");
        assertEquals(colourOf(first, 350, 230), shownAt(350, 230), "right of it: the shown one");
        assertTrue(colourOf(first, 350, 230) != colourOf(second, 350, 230), "two different pictures");
        assertEquals("left", ((Label) tiles(robot).get(1).getChildren().get(1)).getText());
        assertEquals("right", ((Label) tiles(robot).get(0).getChildren().get(1)).getText());
        WritableImage look = WaitForAsyncUtils.asyncFx(() -> window.canvas().getScene().snapshot(null)).get();
        javax.imageio.ImageIO.write(FxImages.toArgb(look), "png", Path.of("target", "board-compare.png").toFile());

        robot.clickOn("#result-compare");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.board().comparedProperty().get(), "Compare off ends it");
        assertEquals(colourOf(first, 310, 230), shownAt(310, 230), "the shown result, whole again");
    }

    // --- helpers ---

    private void paintMask(FxRobot robot, int x0, int y0, int w, int h) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, x0, y0, w, h);
        });
    }

    private void generate(FxRobot robot, String prompt, int images) throws Exception {
        int before = window.jobs().results().groups().size();
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(VARIATIONS);
            window.jobSettings().promptProperty().set(prompt);
            window.jobSettings().imageCountProperty().set(images);
            window.jobs().generate();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().groups().size() == before + 1);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForThumbnails(FxRobot robot, int count) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<StackPane> tiles = tiles(robot);
            return tiles.size() == count
                    && tiles.stream().allMatch(t -> ((ImageView) t.getChildren().get(0)).getImage() != null);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<StackPane> tiles(FxRobot robot) {
        return robot.lookup(".board-tile").queryAllAs(StackPane.class).stream()
                .filter(t -> t.getScene() != null).toList();
    }

    private static ToggleButton star(FxRobot robot, int index) {
        return robot.from(tiles(robot).get(index)).lookup(".board-star").queryAs(ToggleButton.class);
    }

    private static String label(FxRobot robot, Node section, String styleClass) {
        return robot.from(section).lookup(styleClass).queryAs(Label.class).getText();
    }

    /** What the result paints at an image point, opaque (inside its mask its weight is full). */
    private static int colourOf(ResultLayer layer, int imageX, int imageY) {
        return 0xFF000000 | layer.pixels().getRGB(imageX - layer.region().x(), imageY - layer.region().y());
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }

    private static void assertInView(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        assertTrue(b.getMinX() >= 0 && b.getMaxX() <= node.getScene().getWidth() && b.getMinY() >= 0
                && b.getMaxY() <= node.getScene().getHeight(), node + " at " + b);
    }
}
