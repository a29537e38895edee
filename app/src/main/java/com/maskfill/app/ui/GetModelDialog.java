package com.maskfill.app.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "Get the model" for the local engine, bound to a {@link GetModelViewModel}. Closing it pauses a download. */
public final class GetModelDialog extends Dialog<ButtonType> {

    public GetModelDialog(Window owner, GetModelViewModel model) {
        initOwner(owner);
        setTitle("Get the model");
        setHeaderText("FLUX.1 Fill [dev] for the local engine");
        getDialogPane().getStylesheets().add(GetModelDialog.class.getResource("maskfill.css").toExternalForm());

        Label about = new Label("From " + model.repo() + " on the Hugging Face Hub into its cache, where "
                + "huggingface-cli and ComfyUI find it too. The repository is gated: accept the FLUX.1 [dev] "
                + "Non-Commercial licence at " + model.licencePage() + " and set HF_TOKEN (or run huggingface-cli "
                + "login).");
        about.setWrapText(true);

        ListView<GetModelViewModel.FileRow> files = new ListView<>(model.files());
        files.setId("model-files");
        files.setPrefHeight(220);
        Label summary = label("model-summary");
        summary.textProperty().bind(model.summaryProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("model-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Label progressText = label("model-progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        Label message = label("model-message");
        message.textProperty().bind(model.messageProperty());

        Button check = new Button("Check");
        check.setId("model-check");
        check.setOnAction(e -> model.check());
        Button download = new Button("Download");
        download.setId("model-download");
        download.setOnAction(e -> model.download());
        Button pause = new Button("Pause");
        pause.setId("model-pause");
        pause.setOnAction(e -> model.pause());
        model.phaseProperty().addListener((o, was, now) -> {
            boolean busy = now == GetModelViewModel.Phase.CHECKING || now == GetModelViewModel.Phase.DOWNLOADING;
            check.setDisable(busy);
            download.setDisable(busy || now == GetModelViewModel.Phase.DONE);
            pause.setDisable(now != GetModelViewModel.Phase.DOWNLOADING);
            download.setText(now == GetModelViewModel.Phase.PAUSED ? "Resume" : "Download");
        });
        pause.setDisable(true);

        VBox content = new VBox(8, about, files, summary, bar, progressText, message, new HBox(8, check, download,
                pause));
        content.setPadding(new Insets(8, 0, 0, 0));
        getDialogPane().setContent(content);
        getDialogPane().setPrefWidth(640);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        setOnHidden(e -> model.pause());
    }

    private static Label label(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }
}
