package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.remote.http.RemoteTuning;

/**
 * The part every hosted provider shares: fixed id, name and capabilities, and creation with the provider's
 * documented timeouts and poll schedule unless a caller (a test, a slow network) passes others.
 */
public abstract class HostedEngineProvider implements EngineProvider {

    private final String id;
    private final String displayName;
    private final Capabilities capabilities;

    protected HostedEngineProvider(String id, String displayName, Capabilities capabilities) {
        this.id = id;
        this.displayName = displayName;
        this.capabilities = capabilities;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public final Engine create(EngineContext context) throws EngineException {
        return create(context, defaultTuning());
    }

    /** The provider's documented pacing: poll intervals no faster than its docs ask, its job timeout. */
    public abstract RemoteTuning defaultTuning();

    /** Same as {@link #create(EngineContext)} with other timeouts and poll schedule. */
    public abstract Engine create(EngineContext context, RemoteTuning tuning) throws EngineException;
}
