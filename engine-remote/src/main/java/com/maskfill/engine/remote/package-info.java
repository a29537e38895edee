/**
 * Hosted FLUX.1 Fill [dev] engines, one package per provider ({@code wavespeed}, {@code oneminai},
 * {@code wiro}), each with the same roles: {@code XxxEngineProvider} (ServiceLoader entry, capabilities,
 * credentials, base URL), {@code XxxEngine} (the job), {@code XxxApi} (request mapping), {@code XxxResponses}
 * (JSON records) and {@code XxxStatus} (provider states). The shared HTTP layer is in {@code http}.
 *
 * <p>Use: find a provider by id ({@code wavespeed}, {@code wavespeed-v2}, {@code oneminai}, {@code wiro})
 * with {@code EngineProviders.find(id)}, then {@code provider.create(EngineContext.builder()
 * .credentials(new EnvironmentCredentials()).endpoint(optionalBaseUrl).build())}. Credentials are looked up
 * by the names {@code WAVESPEED_API_KEY}, {@code ONEMIN_API_KEY}, {@code WIRO_API_KEY} and
 * {@code WIRO_API_SECRET}; an endpoint override replaces the documented root ({@code https://api.wavespeed.ai},
 * {@code https://api.1min.ai}, {@code https://api.wiro.ai/v1}) and must be HTTPS unless it is a loopback
 * address. Wiro's websocket can be pointed elsewhere with the engine option {@code socketUrl}.
 */
package com.maskfill.engine.remote;
