package com.maskfill.app.ui;

import com.maskfill.app.Version;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** Help: the keyboard shortcuts sheet (F1) and About. */
final class HelpMenu {

    private HelpMenu() {
    }

    /** Adds the Help menu to {@code bar}; the sheet lists the bar's accelerators as they are when it opens. */
    static void addTo(MenuBar bar, Window owner) {
        MenuItem shortcuts = new MenuItem("Keyboard Shortcuts", new FontIcon("mdi2k-keyboard-outline"));
        shortcuts.setId("help-shortcuts");
        shortcuts.setAccelerator(KeyCombination.keyCombination("F1"));
        shortcuts.setOnAction(e -> new ShortcutsSheet(owner, bar).show());
        MenuItem about = new MenuItem("About Maskfill");
        about.setId("help-about");
        about.setOnAction(e -> about(owner).show());
        bar.getMenus().add(new Menu("Help", null, shortcuts, about));
    }

    static Alert about(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "Paint a mask over a photo, say what should appear "
                + "there, and FLUX.1 Fill [dev] fills it, on your own GPU or through a hosted service.\n\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.version"));
        alert.initOwner(owner);
        alert.setTitle("About Maskfill");
        alert.setHeaderText("Maskfill " + Version.get());
        return alert;
    }
}
