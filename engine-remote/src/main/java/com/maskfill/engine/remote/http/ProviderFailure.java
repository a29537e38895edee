package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.EngineException.Category;
import java.io.IOException;

/**
 * A failure the provider reported in a successful HTTP answer (a failed job, {@code result:false},
 * a moderation verdict). Travels through the IO plumbing like any other failure and becomes an
 * {@link com.maskfill.engine.api.engine.EngineException} in {@link RemoteFailures}.
 */
public final class ProviderFailure extends IOException {

    private final Category category;
    private final String providerDetail;

    public ProviderFailure(Category category, String userMessage, String providerDetail) {
        super(userMessage);
        this.category = category;
        this.providerDetail = providerDetail;
    }

    public Category category() {
        return category;
    }

    public String providerDetail() {
        return providerDetail;
    }
}
