/**
 * The inpainting mask and its undo history, free of JavaFX.
 *
 * <p>How the editor uses it:
 * <ul>
 *   <li>{@link com.maskfill.app.mask.MaskDocument} per open image: {@code mask()} (the 8-bit tiled raster,
 *       {@code toByteArray()} for engines), {@code history()} (undo/redo, {@code bytesHeld()} for the memory
 *       readout, listeners for menu state), {@code commands()} (fill, clear, invert, grow, shrink, feather),
 *       {@code loadPng}/{@code importAlpha}/{@code savePng} (the returned notice goes to the status bar).</li>
 *   <li>Display: {@link com.maskfill.app.mask.MaskOverlayRenderer} turns any dirty rectangle into
 *       premultiplied ARGB in a display tile; {@code tools.CanvasMaskTools} does that for the canvas's
 *       PixelBuffer tiles, following the mask through {@link com.maskfill.app.mask.MaskListener}.</li>
 *   <li>Every change to the mask — dab, shape, command, undo, redo — reaches the listeners as one dirty
 *       rectangle per input event or command.</li>
 * </ul>
 */
package com.maskfill.app.mask;
