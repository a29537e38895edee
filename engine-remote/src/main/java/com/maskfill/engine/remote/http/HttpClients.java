package com.maskfill.engine.remote.http;

import okhttp3.OkHttpClient;

/**
 * One OkHttp client for the whole process; engines derive their variants with {@code newBuilder()},
 * which shares the connection pool and dispatcher threads instead of creating new ones.
 */
public final class HttpClients {

    private static final OkHttpClient SHARED = new OkHttpClient.Builder().build();

    private HttpClients() {
    }

    /**
     * For calls that carry credentials: redirects are not followed, because OkHttp would re-send custom
     * key headers ({@code API-KEY}, {@code x-api-key}) to wherever the redirect points. Submissions go through
     * {@link SubmitOnce#client} on top of this.
     */
    public static OkHttpClient forApi(Timeouts timeouts) {
        return SHARED.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.write())
                .build();
    }

    /**
     * For output downloads, which carry no credentials: redirects are followed, but never from https to http;
     * a whole download is bounded by {@link Timeouts#download()}.
     */
    public static OkHttpClient forDownloads(Timeouts timeouts) {
        return SHARED.newBuilder()
                .followRedirects(true)
                .followSslRedirects(false)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.write())
                .callTimeout(timeouts.download())
                .build();
    }
}
