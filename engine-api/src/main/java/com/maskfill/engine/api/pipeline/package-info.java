/**
 * The road every job takes, whatever the engine: {@link com.maskfill.engine.api.pipeline.FillPipeline} checks
 * the request against the engine, plans a {@link com.maskfill.engine.api.pipeline.ContextCrop}, runs the engine
 * and blends each output back with {@link com.maskfill.engine.api.pipeline.PasteBack}. {@link
 * com.maskfill.engine.api.pipeline.MaskOps} holds the mask operations the pipeline and the editor share.
 */
package com.maskfill.engine.api.pipeline;
