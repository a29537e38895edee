/** JavaFX views of the mask model: the overlay as PixelBuffer tiles. */
package com.maskfill.app.mask.fx;
