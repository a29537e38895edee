package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.EngineSetting;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Set up an engine", over the canvas while the chosen engine cannot run: the ways Maskfill can fill a mask (a
 * hosted service with a key, the model on this computer, a ComfyUI server), each engine with what it still
 * needs and a button that opens its settings. Engines are grouped by what they need, not by their ids.
 */
final class EngineSetupCard extends VBox {

    /**
     * @param setUp    chooses an engine and opens its settings
     * @param keyPage  where to get a key for an engine, by id
     * @param openLink opens a web page in the user's browser
     * @param getModel opens the download of the local engine's model
     */
    EngineSetupCard(EngineSetupViewModel setup, JobSettingsViewModel settings, Consumer<EngineChoice> setUp,
                    Function<String, Optional<URI>> keyPage, Consumer<String> openLink, Runnable getModel) {
        setId("engine-setup");
        getStyleClass().add("setup-card");
        setSpacing(8);
        setMaxWidth(560);
        setMaxHeight(USE_PREF_SIZE);

        Label title = new Label("Set up an engine");
        title.getStyleClass().add("panel-heading");
        Label why = new Label();
        why.setId("engine-setup-why");
        why.setWrapText(true);
        why.textProperty().bind(Bindings.createStringBinding(() -> {
            EngineChoice chosen = settings.engineProperty().get();
            return (chosen == null ? "No engine" : chosen.displayName()) + " is not set up yet ("
                    + setup.chosenProblemProperty().get() + "). Maskfill fills the mask with FLUX.1 Fill [dev], "
                    + "run by one of these:";
        }, settings.engineProperty(), setup.chosenProblemProperty()));
        getChildren().addAll(title, why);

        GridPane hosted = rows(setup, settings, setUp, keyPage, openLink, Kind.HOSTED);
        if (!hosted.getChildren().isEmpty()) {
            getChildren().addAll(group("A hosted service: pay per image, nothing to install. Paste an API key."),
                    hosted);
        }
        GridPane local = rows(setup, settings, setUp, keyPage, openLink, Kind.THIS_COMPUTER);
        if (!local.getChildren().isEmpty()) {
            Label model = new Label("The model (about 34 GB, from Hugging Face after accepting its licence) needs "
                    + "an NVIDIA GPU; downloads pause and resume.");
            model.setWrapText(true);
            model.getStyleClass().add("field-hint");
            Button download = new Button("Get the Model…");
            download.setId("engine-setup-get-model");
            download.setMinWidth(USE_PREF_SIZE);
            download.setOnAction(e -> getModel.run());
            HBox modelRow = new HBox(8, model, download);
            modelRow.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(model, Priority.ALWAYS);
            getChildren().addAll(group("On this computer: free, with the FLUX.1 Fill [dev] model files."), local,
                    modelRow);
        }
        GridPane servers = rows(setup, settings, setUp, keyPage, openLink, Kind.OWN_SERVERS);
        if (!servers.getChildren().isEmpty()) {
            Label comfy = group("Your studio's own GPUs: a ComfyUI server with the FLUX.1 Fill model. Enter its "
                    + "address.");
            comfy.setId("engine-setup-comfyui");
            getChildren().addAll(comfy, servers);
        }
        Button notNow = new Button("Not now");
        notNow.setId("engine-setup-dismiss");
        notNow.setOnAction(e -> setup.dismiss());
        HBox buttons = new HBox(notNow);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().add(buttons);

        visibleProperty().bind(setup.cardShownProperty());
        managedProperty().bind(visibleProperty());
    }

    private static Label group(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("field-caption");
        return label;
    }

    /** The card's groups: how an engine is set up. */
    private enum Kind {
        /** A service that needs a key. */
        HOSTED,
        /** Model files on this computer. */
        THIS_COMPUTER,
        /** Servers of one's own (an engine that can share jobs among several); its token is optional. */
        OWN_SERVERS;

        static Kind of(EngineChoice engine) {
            if (engine.settings().stream().anyMatch(s -> s.key().equals(EngineSetting.MORE_SERVERS))) {
                return OWN_SERVERS;
            }
            return engine.credentialNames().isEmpty() ? THIS_COMPUTER : HOSTED;
        }
    }

    /** One row per engine of {@code kind}. */
    private static GridPane rows(EngineSetupViewModel setup, JobSettingsViewModel settings,
                                 Consumer<EngineChoice> setUp, Function<String, Optional<URI>> keyPage,
                                 Consumer<String> openLink, Kind kind) {
        boolean hosted = kind == Kind.HOSTED;
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        // The name wraps; the link and the button keep their whole words.
        javafx.scene.layout.ColumnConstraints wide = new javafx.scene.layout.ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints fixed = new javafx.scene.layout.ColumnConstraints();
        fixed.setMinWidth(USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(wide, fixed, fixed);
        int row = 0;
        for (EngineChoice engine : settings.engines()) {
            if (Kind.of(engine) != kind) {
                continue;
            }
            Label name = new Label();
            name.setWrapText(true);
            name.textProperty().bind(Bindings.createStringBinding(() -> setup.notSetUp().containsKey(engine.id())
                    ? engine.displayName() + ": " + setup.notSetUp().get(engine.id())
                    : engine.displayName() + ": ready", setup.notSetUp()));
            GridPane.setHgrow(name, Priority.ALWAYS);
            grid.add(name, 0, row);
            Optional<URI> page = keyPage.apply(engine.id());
            if (page.isPresent()) {
                Hyperlink link = new Hyperlink("Get a key");
                link.setMinWidth(USE_PREF_SIZE);
                link.setId("get-key-" + engine.id());
                link.setOnAction(e -> openLink.accept(page.get().toString()));
                link.setTooltip(new javafx.scene.control.Tooltip(page.get().toString()));
                grid.add(link, 1, row);
            }
            Button action = new Button();
            action.setMinWidth(USE_PREF_SIZE);
            action.setId("set-up-" + engine.id());
            action.textProperty().bind(Bindings.createStringBinding(() -> !setup.notSetUp().containsKey(engine.id())
                    ? "Use it" : hosted ? "Enter key…" : "Set up…", setup.notSetUp()));
            action.setOnAction(e -> {
                if (setup.notSetUp().containsKey(engine.id())) {
                    setUp.accept(engine);
                } else {
                    settings.engineProperty().set(engine);
                }
            });
            grid.add(action, 2, row);
            row++;
        }
        return grid;
    }
}
