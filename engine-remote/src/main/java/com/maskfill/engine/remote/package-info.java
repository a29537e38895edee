/**
 * Hosted FLUX.1 Fill engines, one package per provider ({@code wavespeed}, {@code oneminai}, {@code wiro},
 * {@code bfl}, {@code fal}, {@code replicate}), each with the same roles: {@code XxxEngineProvider}
 * (ServiceLoader entry, capabilities, credentials, base URL), {@code XxxEngine} (the job), {@code XxxApi}
 * (request mapping), {@code XxxResponses} (JSON records; fal's also reads its error bodies) and {@code XxxStatus}
 * (provider states). A provider with two models has an {@code XxxModel} enum and one provider class per model;
 * BFL's extra settings are read in {@code BflOptions}. The shared HTTP layer is in {@code http}.
 *
 * <p>Use: find a provider by id ({@code wavespeed}, {@code wavespeed-v2}, {@code oneminai}, {@code wiro},
 * {@code bfl}, {@code fal}, {@code fal-pro}, {@code replicate}, {@code replicate-pro}) with
 * {@code EngineProviders.find(id)}, then {@code provider.create(EngineContext.builder()
 * .credentials(new EnvironmentCredentials()).endpoint(optionalBaseUrl).build())}. Credentials are looked up
 * by the names {@code WAVESPEED_API_KEY}, {@code ONEMIN_API_KEY}, {@code WIRO_API_KEY}, {@code WIRO_API_SECRET},
 * {@code BFL_API_KEY}, {@code FAL_KEY} and {@code REPLICATE_API_TOKEN}; an endpoint override replaces the
 * documented root ({@code https://api.wavespeed.ai}, {@code https://api.1min.ai}, {@code https://api.wiro.ai/v1},
 * {@code https://api.bfl.ai} or a regional one, {@code https://queue.fal.run} and fal's storage
 * {@code https://rest.fal.ai} both, {@code https://api.replicate.com}) and must be HTTPS unless it is a loopback
 * address. Wiro's websocket can be pointed elsewhere with the engine option {@code socketUrl}.
 */
package com.maskfill.engine.remote;
