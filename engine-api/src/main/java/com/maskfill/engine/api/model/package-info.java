/**
 * Model files on this machine: the Hugging Face cache layout ({@link com.maskfill.engine.api.model.HubCache}), the
 * Hub settings read from the environment ({@link com.maskfill.engine.api.model.HubSettings}), and the contract of
 * the downloader an engine module provides ({@link com.maskfill.engine.api.model.ModelDownloader}, found like
 * engines through {@link java.util.ServiceLoader}). Plain JDK only: the app and the local engine both read the cache.
 */
package com.maskfill.engine.api.model;
