/**
 * What the user asks for: {@link com.maskfill.engine.api.request.FillRequest} (image, {@link
 * com.maskfill.engine.api.request.Mask}, prompt and settings), validated when built so that a bad value is
 * refused with its field, value and allowed range before anything is sent anywhere.
 */
package com.maskfill.engine.api.request;
