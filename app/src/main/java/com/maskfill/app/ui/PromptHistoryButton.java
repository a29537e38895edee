package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.JobSettings;
import java.math.BigDecimal;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The button beside the prompt that opens the recent prompts: a search field that filters as you type and the
 * list under it. Enter or a click puts the chosen prompt and its settings back in the panel; Esc closes.
 */
final class PromptHistoryButton extends Button {

    private static final double POPUP_WIDTH = 380;

    private final PromptHistoryViewModel model;
    private final List<EngineChoice> engines;
    private final Popup popup = new Popup();
    private final TextField search = new TextField();
    private final ListView<JobSettings> list;

    PromptHistoryButton(PromptHistoryViewModel model, List<EngineChoice> engines) {
        super(null, new FontIcon("mdi2h-history:14"));
        this.model = model;
        this.engines = engines;
        setId("prompt-history");
        setTooltip(new Tooltip("Recent prompts and their settings"));
        getStyleClass().add("prompt-history-button");
        // Compact, and not taller than the caption it sits in: the settings below keep their place.
        setPadding(new Insets(1, 6, 1, 6));
        javafx.scene.layout.HBox.setMargin(this, new Insets(-4, 0, -4, 0));

        search.setId("prompt-history-search");
        search.setPromptText("Search recent prompts");
        search.textProperty().bindBidirectional(model.queryProperty());

        list = new ListView<>();
        list.setId("prompt-history-list");
        list.setPrefHeight(320);
        // No empty box: a line says why there is nothing to pick.
        list.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(list.getItems()));
        list.managedProperty().bind(list.visibleProperty());
        Label none = new Label();
        none.setId("prompt-history-none");
        none.getStyleClass().add("field-hint");
        none.textProperty().bind(javafx.beans.binding.Bindings.when(model.queryProperty().isEmpty())
                .then("No prompts yet: each Generate adds its prompt here").otherwise("No prompt matches"));
        none.visibleProperty().bind(list.visibleProperty().not());
        none.managedProperty().bind(none.visibleProperty());
        list.setCellFactory(v -> new EntryCell());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && list.getSelectionModel().getSelectedItem() != null) {
                pick(list.getSelectionModel().getSelectedItem());
            }
        });
        model.shown().addListener((javafx.collections.ListChangeListener<JobSettings>) c -> {
            if (popup.isShowing()) {
                showEntries();
            }
        });

        VBox content = new VBox(6, search, list, none);
        content.setId("prompt-history-popup");
        content.setPadding(new Insets(8));
        // A popup's content is not under the window's root: "root" gives it the theme's colours (dark, like the panel).
        content.getStyleClass().addAll("root", "prompt-history-popup");
        // The list never has the focus (the search field has): its chosen row in the accent, not modena's light grey.
        content.setStyle("-fx-border-color: -fx-box-border; -fx-selection-bar-non-focused: derive(-fx-accent, -35%);");
        content.setPrefWidth(POPUP_WIDTH);
        popup.getContent().add(content);
        popup.setAutoHide(true);
        // Consumed here so that Esc and Enter never reach the window (cancel the running job, apply a result).
        content.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);

        // The list follows the history only while shown: cells restyled in a hidden popup miss the theme.
        popup.setOnHidden(e -> list.getItems().clear());
        setOnAction(e -> open());
    }

    private void open() {
        model.queryProperty().set("");
        showEntries();
        Bounds screen = localToScreen(getBoundsInLocal());
        // Right edges aligned: the list opens over the canvas rather than off the window's side.
        popup.show(this, screen.getMaxX() - POPUP_WIDTH, screen.getMaxY() + 2);
        search.requestFocus();
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case ESCAPE -> popup.hide();
            case ENTER -> {
                JobSettings chosen = list.getSelectionModel().getSelectedItem();
                if (chosen != null) {
                    pick(chosen);
                }
            }
            case DOWN, UP -> {
                if (e.getTarget() != search) {
                    return; // the list moves its own selection
                }
                int i = list.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.DOWN ? 1 : -1);
                if (i >= 0 && i < list.getItems().size()) {
                    list.getSelectionModel().select(i);
                    list.scrollTo(i);
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void pick(JobSettings entry) {
        popup.hide();
        model.use(entry);
    }

    /** The matching entries, the first one chosen so that Enter takes it. */
    private void showEntries() {
        list.getItems().setAll(model.shown());
        selectFirst();
    }

    private void selectFirst() {
        if (list.getItems().isEmpty()) {
            list.getSelectionModel().clearSelection();
        } else {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    /** "FLUX Fill (hosted) · 28 steps · guidance 30 · 2 images · seed 42 locked". */
    String describe(JobSettings s) {
        String engine = engines.stream().filter(c -> c.id().equals(s.engineId())).map(EngineChoice::displayName)
                .findFirst().orElse(s.engineId() == null ? "no engine" : s.engineId());
        return engine + " · " + s.steps() + " steps · guidance "
                + BigDecimal.valueOf(s.guidance()).stripTrailingZeros().toPlainString()
                + " · " + s.imageCount() + (s.imageCount() == 1 ? " image" : " images")
                + (s.seedLocked() ? " · seed " + s.seed() + " locked" : "");
    }

    private final class EntryCell extends ListCell<JobSettings> {
        private final Label prompt = new Label();
        private final Label details = new Label();
        private final VBox box = new VBox(2, prompt, details);

        EntryCell() {
            prompt.setTextOverrun(OverrunStyle.ELLIPSIS);
            prompt.setMaxWidth(330);
            details.getStyleClass().add("field-hint");
            setPrefWidth(0); // the list's width, not the longest prompt's
        }

        @Override
        protected void updateItem(JobSettings item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                prompt.setText(item.prompt().strip().replaceAll("\\s+", " "));
                details.setText(describe(item));
                setGraphic(box);
            }
        }
    }
}
