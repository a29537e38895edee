package com.maskfill.app.ui;

import com.maskfill.app.tools.ToolShortcuts;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Help ▸ Keyboard Shortcuts: a sheet made from where the keys are defined, so it cannot drift from them: the
 * menus' accelerators (read from the menu bar), the mask tools' keys ({@link ToolShortcuts#KEYS}), and the keys
 * of results and jobs on the canvas ({@link #RESULT_KEYS}, handled by {@link ResultsOnCanvas}).
 */
final class ShortcutsSheet extends Dialog<Void> {

    /** One row of the sheet. */
    record Row(String keys, String does) {
    }

    /** What {@link ResultsOnCanvas} and the editor window do with these keys while a photo is open. */
    static final List<Row> RESULT_KEYS = List.of(
            new Row("← →", "Previous / next result"),
            new Row("Enter", "Apply the result shown"),
            new Row("Del", "Discard the result shown"),
            new Row("Tab (hold)", "See the photo without the result"),
            new Row("Esc", "Cancel the running job"),
            new Row("Space (hold) + drag", "Pan"),
            new Row("Mouse wheel", "Zoom around the pointer"));

    ShortcutsSheet(Window owner, MenuBar menus) {
        initOwner(owner);
        setTitle("Keyboard Shortcuts");
        setHeaderText("Keyboard shortcuts (Ctrl is Cmd on macOS)");
        getDialogPane().getStylesheets().add(ShortcutsSheet.class.getResource("maskfill.css").toExternalForm());
        GridPane grid = new GridPane();
        grid.setId("shortcuts-sheet");
        grid.setHgap(24);
        grid.setVgap(4);
        grid.setPadding(new Insets(12));
        int[] row = {0};
        section(grid, row, "Mask tools", toolRows());
        section(grid, row, "Results, jobs and the view", RESULT_KEYS);
        for (Menu menu : menus.getMenus()) {
            section(grid, row, menu.getText() + " menu", menuRows(menu));
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(480);
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    static List<Row> toolRows() {
        return ToolShortcuts.KEYS.stream().map(k -> new Row(k.keys(), k.does()
                + (k.whileDrawing() ? " (while drawing)" : ""))).toList();
    }

    /** Every item of {@code menu} (and its submenus) that has an accelerator, as its display text shows it. */
    static List<Row> menuRows(Menu menu) {
        List<Row> rows = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                rows.addAll(menuRows(sub));
            } else if (item.getAccelerator() != null && item.isVisible() && item.getText() != null) {
                rows.add(new Row(item.getAccelerator().getDisplayText(), item.getText().replace("…", "")));
            }
        }
        return rows;
    }

    private static void section(GridPane grid, int[] row, String title, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-heading");
        grid.add(heading, 0, row[0]++, 2, 1);
        for (Row r : rows) {
            Label keys = new Label(r.keys());
            grid.addRow(row[0]++, keys, new Label(r.does()));
        }
    }
}
