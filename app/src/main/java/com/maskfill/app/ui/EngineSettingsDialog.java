package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.EngineSetting;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** API keys and base URL of one engine, bound to an {@link EngineSettingsViewModel}. */
public final class EngineSettingsDialog extends Dialog<ButtonType> {

    /** Space between the dialog's edges and its fields (there was none: labels touched the edge). */
    static final Insets CONTENT_PADDING = new Insets(12, 20, 8, 20);

    public EngineSettingsDialog(Window owner, EngineSettingsViewModel model) {
        this(owner, model, url -> { });
    }

    /** @param openLink opens a web page (the provider's key page) in the user's browser */
    public EngineSettingsDialog(Window owner, EngineSettingsViewModel model, Consumer<String> openLink) {
        initOwner(owner);
        setTitle(model.engine().displayName() + " settings");
        setHeaderText(model.engine().displayName());
        getDialogPane().getStylesheets().add(EngineSettingsDialog.class.getResource("maskfill.css").toExternalForm());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(CONTENT_PADDING);
        int row = 0;
        for (EngineSettingsViewModel.KeyField key : model.keys()) {
            PasswordField field = new PasswordField();
            field.setId("key-" + key.name());
            field.textProperty().bindBidirectional(key.inputProperty());
            field.promptTextProperty().bind(javafx.beans.binding.Bindings.when(key.storedProperty())
                    .then("saved — type to replace").otherwise("paste it here, or set " + key.name()));
            GridPane.setHgrow(field, Priority.ALWAYS);
            Button remove = new Button("Remove");
            remove.setId("remove-" + key.name());
            remove.disableProperty().bind(key.storedProperty().not());
            remove.setOnAction(e -> model.removeKey(key.name()));
            Label label = new Label(keyLabel(key.name()));
            label.setId("label-" + key.name());
            label.setTooltip(new Tooltip("Also read from the environment variable " + key.name()));
            grid.addRow(row++, label, field, remove);
        }
        if (row == 0) {
            grid.addRow(row++, new Label("This engine needs no key."));
        } else {
            Optional<java.net.URI> page = model.keyPage();
            if (page.isPresent()) {
                Hyperlink link = new Hyperlink("Get a key: " + page.get().getHost() + page.get().getPath());
                link.setId("get-key");
                link.setOnAction(e -> openLink.accept(page.get().toString()));
                grid.add(link, 1, row++, 2, 1);
            }
        }
        // Only engines with a key have a connection to test; the local engine's needs show under its picker.
        if (model.canTestConnection() && !model.engine().credentialNames().isEmpty()) {
            Button test = new Button("Test connection");
            test.setId("test-connection");
            test.disableProperty().bind(model.testingProperty());
            test.setOnAction(e -> model.testConnection());
            Label result = new Label();
            result.setId("test-result");
            result.setWrapText(true);
            result.textProperty().bind(model.testResultProperty());
            model.testOutcomeProperty().addListener((obs, old, outcome) -> result.getStyleClass().setAll("label",
                    outcome == ConnectionCheck.Outcome.FAILED ? "field-error" : "field-hint"));
            result.getStyleClass().add("field-hint");
            test.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(test, 1, row++);
            grid.add(result, 1, row++, 2, 1);
        }

        EngineSetting lastFromServer = model.options().keySet().stream()
                .filter(s -> s.kind() == EngineSetting.Kind.DISCOVERED).reduce((a, b) -> b).orElse(null);
        for (var entry : model.options().entrySet()) {
            EngineSetting setting = entry.getKey();
            Label label = new Label(setting.label());
            label.setTooltip(new Tooltip(setting.help()));
            grid.addRow(row++, label, optionField(model, setting, entry.getValue(), owner));
            if (setting == lastFromServer) {
                row = addLookUp(grid, row, model);
            }
        }

        TextField endpoint = new TextField();
        endpoint.setId("endpoint");
        endpoint.setPromptText("the provider's own address");
        endpoint.textProperty().bindBidirectional(model.endpointProperty());
        grid.addRow(row++, new Label("Base URL"), endpoint);
        Label endpointError = errorLabel("endpoint-error");
        endpointError.textProperty().bind(model.endpointErrorProperty());
        grid.add(endpointError, 1, row++, 2, 1);

        Label storage = new Label(model.storageDescription());
        storage.setWrapText(true);
        storage.getStyleClass().add("field-hint");
        grid.add(storage, 0, row++, 3, 1);
        Label saveError = errorLabel("save-error");
        saveError.textProperty().bind(model.saveErrorProperty());
        grid.add(saveError, 0, row, 3, 1);

        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(560);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        // Keep the dialog open when saving fails, with the reason shown.
        getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            if (!model.save()) {
                e.consume();
            }
        });
    }

    /** "Look up models" under the lists it fills, with what it found; it runs once as soon as the dialog is up. */
    private int addLookUp(GridPane grid, int row, EngineSettingsViewModel model) {
        if (!model.canTestConnection()) {
            return row;
        }
        Button find = new Button("Look up models");
        find.setId("find-choices");
        find.setTooltip(new Tooltip("Asks the server which model files it has; nothing is queued"));
        find.disableProperty().bind(model.findingChoicesProperty());
        find.setOnAction(e -> model.findChoices());
        find.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label found = new Label();
        found.setId("choices-message");
        found.setWrapText(true);
        found.textProperty().bind(model.choicesMessageProperty());
        found.getStyleClass().add("field-hint");
        model.choicesProblemProperty().addListener((obs, old, problem) -> found.getStyleClass().setAll("label",
                problem ? "field-error" : "field-hint"));
        grid.add(find, 1, row++);
        grid.add(found, 1, row++, 2, 1);
        // The lists fill as soon as the dialog is up; the button asks again after the address changed.
        setOnShown(e -> model.findChoices());
        return row;
    }

    /**
     * A choice list; a list of what the server offers that also takes a typed name (the server may be down); or
     * a text field with Browse… for files and folders.
     */
    private static javafx.scene.Node optionField(EngineSettingsViewModel model, EngineSetting setting,
                                                 StringProperty value, Window owner) {
        if (setting.kind() == EngineSetting.Kind.DISCOVERED) {
            ComboBox<String> choice = new ComboBox<>(model.choicesOf(setting));
            choice.setEditable(true);
            choice.setId("option-" + setting.key());
            choice.setPromptText("the engine's pick");
            choice.setTooltip(new Tooltip(setting.help()));
            choice.setMaxWidth(Double.MAX_VALUE);
            choice.valueProperty().bindBidirectional(value);
            GridPane.setHgrow(choice, Priority.ALWAYS);
            return choice;
        }
        if (setting.kind() == EngineSetting.Kind.CHOICE) {
            ComboBox<String> choice = new ComboBox<>();
            choice.getItems().setAll(setting.choices());
            choice.setId("option-" + setting.key());
            choice.valueProperty().bindBidirectional(value);
            return choice;
        }
        TextField field = new TextField();
        field.setId("option-" + setting.key());
        field.textProperty().bindBidirectional(value);
        field.setTooltip(new Tooltip(setting.help()));
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (setting.kind() == EngineSetting.Kind.TEXT) {
            return field;
        }
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            java.io.File chosen;
            if (setting.kind() == EngineSetting.Kind.FOLDER) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(setting.label());
                chosen = chooser.showDialog(owner);
            } else {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(setting.label());
                chosen = chooser.showOpenDialog(owner);
            }
            if (chosen != null) {
                value.set(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(4, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    /**
     * "API key", "API secret", "API token", "Access token" (ComfyUI's reverse-proxy token is no provider's key):
     * what the field holds, in words; the variable's name is in the prompt and tooltip.
     */
    static String keyLabel(String credentialName) {
        String name = credentialName.toUpperCase(java.util.Locale.ROOT);
        if (name.contains("SECRET")) {
            return "API secret";
        }
        if (name.endsWith("TOKEN")) {
            return name.contains("API") ? "API token" : "Access token";
        }
        return "API key";
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("field-error");
        return label;
    }
}
