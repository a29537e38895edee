package com.maskfill.app.tools;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.control.Separator;
import javafx.scene.layout.FlowPane;
import javafx.geometry.Orientation;
import javafx.scene.paint.Color;
import org.controlsfx.control.SegmentedButton;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The mask tool bar (under the menus, like an image editor's options bar): tool choice, size (logarithmic slider), hardness and opacity of the active
 * paint tool, add/subtract for shapes, overlay colour, opacity and black-and-white view (the undo readout is in
 * the status bar, {@link UndoReadout}). Follows changes made with the keys.
 */
public final class MaskToolsPanel extends FlowPane {

    private final CanvasMaskTools maskTools;
    private final ToolBox tools;
    private final Slider size = new Slider(0, 1, BrushSizeScale.sliderFor(100));
    private final Slider hardness = new Slider(0, 100, 50);
    private final Slider opacity = new Slider(0, 100, 100);
    private final Label sizeText = new Label();
    private final Label hardnessText = new Label();
    private final Label opacityText = new Label();
    private final ToggleGroup toolGroup = new ToggleGroup();
    private final ToggleButton subtract = new ToggleButton("Subtract");
    private boolean syncing;

    public MaskToolsPanel(CanvasMaskTools maskTools) {
        this.maskTools = maskTools;
        this.tools = maskTools.tools();
        // A flow rather than a ToolBar: on a narrow window it wraps onto a second line instead of hiding
        // controls in an overflow menu.
        getStyleClass().addAll("tool-bar", "mask-tools");
        setHgap(8);
        setVgap(4);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        SegmentedButton toolButtons = new SegmentedButton(
                toolButton("tool-brush", "mdi2b-brush", "Brush (B)", tools.brush()),
                toolButton("tool-eraser", "mdi2e-eraser", "Eraser (E; X swaps)", tools.eraser()),
                toolButton("tool-rectangle", "mdi2r-rectangle-outline", "Rectangle (R)", tools.rectangle()),
                toolButton("tool-lasso", "mdi2l-lasso", "Lasso (L)", tools.lasso()),
                toolButton("tool-polygon", "mdi2v-vector-polygon", "Polygon lasso (Shift+L)", tools.polygonLasso()));
        toolButtons.setToggleGroup(toolGroup);
        toolGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else if (!syncing) {
                tools.select((Tool) now.getUserData());
            }
        });

        size.setId("brush-size");
        hardness.setId("brush-hardness");
        opacity.setId("brush-opacity");
        size.valueProperty().addListener((obs, old, v) -> edit(s -> s.setSize(Math.round(BrushSizeScale.sizeFor(v.doubleValue())))));
        hardness.valueProperty().addListener((obs, old, v) -> edit(s -> s.setHardness(Math.round(v.doubleValue()) / 100.0)));
        opacity.valueProperty().addListener((obs, old, v) -> edit(s -> s.setOpacity(Math.round(v.doubleValue()) / 100.0)));

        subtract.setId("shape-subtract");
        subtract.setTooltip(new Tooltip("Shapes remove from the mask (Alt or right button flips for one shape)"));
        subtract.selectedProperty().addListener((obs, old, on) -> {
            ShapeMode mode = on ? ShapeMode.SUBTRACT : ShapeMode.ADD;
            tools.rectangle().setMode(mode);
            tools.lasso().setMode(mode);
            tools.polygonLasso().setMode(mode);
        });

        ColorPicker colour = new ColorPicker(Color.web(String.format("#%06X", maskTools.overlayRenderer().rgb())));
        colour.setId("overlay-colour");
        colour.getStyleClass().add("button");
        colour.setTooltip(new Tooltip("Overlay colour"));
        // the swatch says the colour; its hex code only took room the bar needs at 1280 px
        colour.setStyle("-fx-color-label-visible: false;");
        Slider overlayOpacity = new Slider(0, 100, maskTools.overlayRenderer().opacity() * 100);
        overlayOpacity.setId("overlay-opacity");
        Tooltip overlayOpacityTip = new Tooltip("Overlay opacity: how strongly the mask tints the photo");
        overlayOpacity.setTooltip(overlayOpacityTip);
        Label overlayOpacityIcon = new Label(null, new FontIcon("mdi2c-circle-opacity"));
        overlayOpacityIcon.setId("overlay-opacity-label");
        overlayOpacityIcon.setTooltip(overlayOpacityTip);
        overlayOpacityIcon.setLabelFor(overlayOpacity);
        overlayOpacity.setAccessibleText("Overlay opacity");
        Runnable applyOverlay = () -> maskTools.setOverlayStyle(rgbOf(colour.getValue()), overlayOpacity.getValue() / 100);
        colour.valueProperty().addListener((obs, old, c) -> applyOverlay.run());
        overlayOpacity.valueProperty().addListener((obs, old, v) -> applyOverlay.run());
        CheckBox maskOnly = new CheckBox("Mask only");
        maskOnly.setTooltip(new Tooltip("Show the mask alone in black and white"));
        maskOnly.setId("overlay-mask-only");
        maskOnly.selectedProperty().addListener((obs, old, on) -> maskTools.setMaskOnly(on));
        CheckBox show = new CheckBox("Show (M)");
        show.setId("overlay-visible");
        show.selectedProperty().bindBidirectional(maskTools.overlayVisibleProperty());

        getChildren().addAll(toolButtons, gap(),
                slider("Size", size, sizeText), slider("Hardness", hardness, hardnessText),
                slider("Opacity", opacity, opacityText), subtract, gap(),
                new Label("Overlay"), colour, overlayOpacityIcon, slider(null, overlayOpacity, null), show, maskOnly);

        tools.addListener(this::sync);
        tools.brush().settings().addListener(this::sync);
        tools.eraser().settings().addListener(this::sync);
        sync();
    }

    private ToggleButton toolButton(String id, String icon, String tip, Tool tool) {
        ToggleButton b = new ToggleButton(null, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setUserData(tool);
        // in the group from the start: the segmented button does not put buttons it already holds into a group set
        // later, and without one no tool ever showed as selected
        b.setToggleGroup(toolGroup);
        return b;
    }

    private void edit(java.util.function.Consumer<BrushSettings> change) {
        if (!syncing) {
            change.accept(tools.activeBrushSettings());
        }
    }

    /** Shows the active tool and its settings (after a key or a tool switch changed them). */
    private void sync() {
        syncing = true;
        try {
            for (var toggle : toolGroup.getToggles()) {
                toggle.setSelected(toggle.getUserData() == tools.active());
            }
            BrushSettings s = tools.activeBrushSettings();
            size.setValue(BrushSizeScale.sliderFor(s.size()));
            hardness.setValue(s.hardness() * 100);
            opacity.setValue(s.opacity() * 100);
            sizeText.setText(String.format(Locale.ROOT, "%d px", Math.round(s.size())));
            hardnessText.setText(String.format(Locale.ROOT, "%d %%", Math.round(s.hardness() * 100)));
            opacityText.setText(String.format(Locale.ROOT, "%d %%", Math.round(s.opacity() * 100)));
        } finally {
            syncing = false;
        }
    }

    private static HBox slider(String caption, Slider slider, Label value) {
        slider.setPrefWidth(80);
        HBox box = new HBox(4);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (caption != null) {
            box.getChildren().add(new Label(caption));
        }
        box.getChildren().add(slider);
        if (value != null) {
            value.setMinWidth(44);
            box.getChildren().add(value);
        }
        return box;
    }

    private static Separator gap() {
        return new Separator(Orientation.VERTICAL);
    }

    private static int rgbOf(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
