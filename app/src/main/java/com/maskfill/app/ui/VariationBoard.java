package com.maskfill.app.ui;

import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The variation board: a column beside the canvas with every result of the photo as a thumbnail, under its job's
 * prompt, seed and engine. A click shows a result on the canvas, Ctrl+click compares it with the shown one (left
 * of the divider), the star marks a favourite, and a job's "keep favourites" discards its other results. It stays
 * the same width whether or not there are results, so the canvas does not change size when they arrive.
 */
final class VariationBoard extends VBox {

    /** The tiles' picture box: two columns fit the board. */
    static final double TILE = 96;

    private final BoardViewModel board;
    private final VBox jobs = new VBox(14);
    private final Label hint = new Label();
    private final List<StackPane> tiles = new ArrayList<>();

    VariationBoard(BoardViewModel board) {
        this.board = board;
        setId("variation-board");
        getStyleClass().add("variation-board");
        Label heading = new Label("Results");
        heading.getStyleClass().add("panel-heading");
        hint.setId("board-hint");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        jobs.setPadding(new Insets(0, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(jobs);
        scroll.setId("board-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false); // a click on a thumbnail leaves the keys (← →, Space) with the canvas
        scroll.getStyleClass().add("side-panel");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox top = new VBox(4, heading, hint);
        top.setPadding(new Insets(10, 8, 6, 8));
        getChildren().addAll(top, scroll);
        setPrefWidth(2 * TILE + 54);
        setMinWidth(2 * TILE + 54);
        setMaxWidth(2 * TILE + 54);

        board.groups().addListener((ListChangeListener<ResultGroup>) c -> rebuild());
        board.selectedProperty().addListener((obs, old, layer) -> mark());
        board.comparedProperty().addListener((obs, old, layer) -> mark());
        rebuild();
    }

    /** The thumbnails on the board, in board order (for tests and screenshots). */
    List<StackPane> tiles() {
        return List.copyOf(tiles);
    }

    private void rebuild() {
        tiles.clear();
        List<Node> sections = new ArrayList<>();
        for (ResultGroup group : board.groups()) {
            sections.add(section(group));
        }
        jobs.getChildren().setAll(sections);
        mark();
    }

    /** One job: its number and "keep favourites", the prompt, the seed and engine, then its results. */
    private VBox section(ResultGroup group) {
        Provenance p = group.provenance();
        Label title = new Label(board.jobTitle(group));
        title.getStyleClass().add("board-job-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button keep = new Button(null, new FontIcon("mdi2s-star-check-outline"));
        keep.getStyleClass().add("board-keep-favourites");
        keep.setTooltip(new Tooltip("Keep favourites, discard the rest of this job (Ctrl+Z brings them back)"));
        keep.setDisable(!board.canKeepFavourites(group));
        keep.setFocusTraversable(false);
        keep.setOnAction(e -> board.keepFavourites(group));
        HBox head = new HBox(4, title, grow, keep);
        head.setAlignment(Pos.CENTER_LEFT);
        Label prompt = new Label(p.prompt().isBlank() ? "(no prompt)" : "“" + p.prompt() + "”");
        prompt.getStyleClass().add("board-prompt");
        prompt.setWrapText(true);
        prompt.setMaxHeight(48); // three lines at most; the tooltip has it all
        prompt.setTooltip(new Tooltip(p.prompt()));
        String loras = ResultsPanel.loras(p);
        Label made = new Label("seed " + p.seed() + " · " + p.engineName() + (loras.isEmpty() ? "" : " · " + loras));
        made.getStyleClass().addAll("field-hint", "board-made");
        made.setWrapText(true);
        FlowPane results = new FlowPane(6, 6);
        for (ResultLayer layer : group.layers()) {
            results.getChildren().add(tile(group, layer));
        }
        VBox section = new VBox(3, head, prompt, made, results);
        section.getStyleClass().add("board-job");
        section.setUserData(group);
        return section;
    }

    private StackPane tile(ResultGroup group, ResultLayer layer) {
        ImageView picture = new ImageView();
        picture.imageProperty().bind(board.thumbnailOf(layer));
        picture.setFitWidth(TILE);
        picture.setFitHeight(TILE);
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        ToggleButton star = new ToggleButton(null, new FontIcon(layer.favourite() ? "mdi2s-star" : "mdi2s-star-outline"));
        star.getStyleClass().add("board-star");
        star.setSelected(layer.favourite());
        star.setFocusTraversable(false);
        star.setTooltip(new Tooltip(layer.favourite() ? "A favourite: click to unstar" : "Star as a favourite"));
        star.setOnAction(e -> board.toggleFavourite(layer));
        StackPane.setAlignment(star, Pos.TOP_RIGHT);
        Label side = new Label();
        side.getStyleClass().add("board-side");
        side.setMouseTransparent(true);
        StackPane.setAlignment(side, Pos.BOTTOM_LEFT);
        StackPane tile = new StackPane(picture, side, star);
        tile.getStyleClass().add("board-tile");
        tile.setUserData(layer);
        tile.setMinSize(TILE + 6, TILE + 6);
        tile.setPrefSize(TILE + 6, TILE + 6);
        tile.setMaxSize(TILE + 6, TILE + 6);
        int index = group.layers().indexOf(layer) + 1;
        String seed = VariationSeed.describe(group, layer);
        Tooltip.install(tile, new Tooltip("Image " + index + " of " + group.layers().size() + " · " + seed
                + "\nClick: show it · Ctrl+click: compare it with the shown result"));
        tile.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || within(e.getTarget(), star)) {
                return;
            }
            if (e.isShortcutDown()) {
                board.compareWithShown(layer);
            } else {
                board.show(layer);
            }
            e.consume();
        });
        tiles.add(tile);
        return tile;
    }

    /** Marks the shown result and the one it is compared with, and says what a click does. */
    private void mark() {
        ResultLayer shown = board.selectedProperty().get();
        ResultLayer compared = board.comparedProperty().get();
        for (StackPane tile : tiles) {
            Object layer = tile.getUserData();
            boolean isShown = layer.equals(shown);
            boolean isCompared = layer.equals(compared);
            tile.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("shown"), isShown);
            tile.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("compared"), isCompared);
            Label side = (Label) tile.getChildren().get(1);
            side.setText(isCompared ? "left" : isShown && compared != null ? "right" : "");
            side.setVisible(isCompared || isShown && compared != null);
        }
        hint.setText(tiles.isEmpty() ? "Each job's results appear here."
                : compared != null ? "Comparing: the result marked left is left of the divider, the shown one right."
                : "Click shows a result, Ctrl+click compares it with the shown one, ☆ marks a favourite.");
    }

    private static boolean within(Object target, Node ancestor) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
