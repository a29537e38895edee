package com.maskfill.app.ui;

import javafx.animation.PauseTransition;
import javafx.scene.Node;
import org.controlsfx.control.NotificationPane;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.util.Duration;

/**
 * The bar over the canvas that shows the editor's notices. Information hides itself after a few seconds; an error
 * stays until the user closes it, and an information notice shown meanwhile only covers it for its few seconds
 * (a "job done" right after a failure must not wipe the failure away unread).
 */
final class NoticeBar {

    static final Duration INFO_VISIBLE = Duration.seconds(6);

    private final NotificationPane pane;
    private final PauseTransition hideInfo = new PauseTransition(INFO_VISIBLE);
    /** The error shown or covered by an information notice, until the user closes the bar. */
    private Notice pendingError;

    NoticeBar(Node content) {
        pane = new NotificationPane(content);
        pane.setId("notifications");
        pane.setShowFromTop(true);
        hideInfo.setOnFinished(e -> {
            if (pendingError != null) {
                display(pendingError);
            } else {
                pane.hide();
            }
        });
        // The close button (or the end of an information notice with no error under it) dismisses it all. A notice
        // that replaces another changes the text of the bar in place, so the bar hides only for these.
        pane.showingProperty().addListener((obs, was, showing) -> {
            if (!showing) {
                hideInfo.stop();
                pendingError = null;
            }
        });
    }

    /** The node to put in the window in place of the content. */
    NotificationPane node() {
        return pane;
    }

    void show(Notice notice) {
        if (notice == null) {
            return;
        }
        hideInfo.stop();
        if (notice.severity() == Notice.Severity.ERROR) {
            pendingError = notice;
        } else {
            hideInfo.playFromStart();
        }
        display(notice);
    }

    /** The text on screen now, or empty. */
    String shownText() {
        return pane.isShowing() ? pane.getText() : "";
    }

    /** For tests: how long information stays. */
    void setInfoVisible(Duration duration) {
        hideInfo.setDuration(duration);
    }

    private void display(Notice notice) {
        boolean error = notice.severity() == Notice.Severity.ERROR;
        pane.getStyleClass().removeAll("error", "info");
        pane.getStyleClass().add(error ? "error" : "info");
        FontIcon icon = new FontIcon(error ? "mdi2a-alert-circle-outline" : "mdi2i-information-outline");
        if (pane.isShowing()) {
            // NotificationPane.show(text, …) would slide the bar out and in again, and be blank meanwhile
            pane.setText(notice.text());
            pane.setGraphic(icon);
        } else {
            pane.show(notice.text(), icon);
        }
        wrapLongText();
    }

    /**
     * A long message (a provider's error with its advice) wraps onto more lines and the bar grows to hold them: the
     * bar's label is given the bar's width, less its icon and close button, so its height is measured at that width.
     */
    private void wrapLongText() {
        if (pane.lookup(".notification-bar .label") instanceof javafx.scene.control.Label label
                && !label.prefWidthProperty().isBound()) {
            label.setMinWidth(0);
            label.prefWidthProperty().bind(pane.widthProperty().subtract(80));
        }
    }
}
