/**
 * The contract between the app and the engines. The app finds {@link
 * com.maskfill.engine.api.engine.EngineProvider}s with {@link com.maskfill.engine.api.engine.EngineProviders},
 * reads their {@link com.maskfill.engine.api.engine.Capabilities} to adapt its controls, and creates an
 * {@link com.maskfill.engine.api.engine.Engine} with an {@link com.maskfill.engine.api.engine.EngineContext}
 * (credentials through a {@link com.maskfill.engine.api.engine.CredentialSource}). An engine turns an
 * {@link com.maskfill.engine.api.engine.EngineInput} into an {@link com.maskfill.engine.api.engine.EngineResult},
 * reporting {@link com.maskfill.engine.api.engine.ProgressEvent}s, observing a {@link
 * com.maskfill.engine.api.engine.Cancellation}, and failing with a categorised {@link
 * com.maskfill.engine.api.engine.EngineException}.
 */
package com.maskfill.engine.api.engine;
