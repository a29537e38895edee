/**
 * Mask tools: brush, eraser, rectangle, freehand and polygon lasso, each a {@link com.maskfill.app.tools.Tool}
 * driven by {@link com.maskfill.app.tools.ToolEvent}s in image pixels.
 *
 * <p>Wiring into a canvas: one {@link com.maskfill.app.tools.ToolBox} per window (given a supplier of the
 * current {@code MaskDocument}); {@link com.maskfill.app.tools.ToolPointerInput} on the viewport node with the
 * canvas's view-to-image conversion; {@link com.maskfill.app.tools.ToolShortcuts} on the scene. The canvas
 * draws the brush cursor from {@code PaintTool.settings().size()} and shape outlines from
 * {@link com.maskfill.app.tools.Tool#preview()}. {@link com.maskfill.app.tools.BrushSizeScale} maps the size
 * slider.
 */
package com.maskfill.app.tools;
