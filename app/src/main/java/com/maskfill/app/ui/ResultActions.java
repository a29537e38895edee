package com.maskfill.app.ui;

import com.maskfill.app.history.Edit;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import java.util.function.Consumer;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** What a designer does with the selected result: apply, discard, run its settings again, copy its seed. */
public final class ResultActions implements ResultsPanel.Actions {

    private final ResultHistory results;
    private final Consumer<Edit> history;
    private final JobSettingsViewModel settings;
    private final EditorViewModel editor;

    /** @param history where apply and discard go, for undo */
    ResultActions(ResultHistory results, Consumer<Edit> history, JobSettingsViewModel settings,
                  EditorViewModel editor) {
        this.results = results;
        this.history = history;
        this.settings = settings;
        this.editor = editor;
    }

    @Override
    public void apply() {
        history.accept(results.apply(results.getSelected()));
    }

    @Override
    public void discard() {
        history.accept(results.discard(results.getSelected()));
    }

    @Override
    public void discardGroup() {
        history.accept(results.discardGroup(results.groupOf(results.getSelected())));
    }

    @Override
    public void reuseSettings() {
        ResultLayer layer = results.getSelected();
        ResultGroup group = results.groupOf(layer);
        if (group == null) {
            return;
        }
        settings.restore(VariationSeed.rerun(group, layer, settings.imageCountProperty().get()));
        editor.info(VariationSeed.rerunNotice(group, layer));
    }

    @Override
    public void copySeed() {
        ResultLayer layer = results.getSelected();
        ResultGroup group = results.groupOf(layer);
        if (group != null) {
            long seed = VariationSeed.of(group, layer);
            ClipboardContent content = new ClipboardContent();
            content.putString(Long.toString(seed));
            Clipboard.getSystemClipboard().setContent(content);
            editor.info("Seed " + seed + " copied.");
        }
    }
}
