package com.maskfill.engine.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.RepoFile;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The two Hub API calls a download needs: what commit a revision is at ({@code /api/models/{repo}/revision/{rev}},
 * field {@code sha}), and the files at that commit with sizes and LFS sha256 ({@code /api/models/{repo}/tree/{commit}
 * ?recursive=true}, paged through {@code Link: <…>; rel="next"}).
 */
final class HubApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;
    private static final int MAX_PAGES = 1000;

    private final HubHttp http;

    HubApi(HubHttp http) {
        this.http = http;
    }

    String commitOf(String repo, String revision, CallScope scope) throws IOException, EngineException {
        HttpUrl url = models(repo).addPathSegment("revision").addPathSegment(revision).build();
        JsonNode info = getJson(url, repo, "the revision " + revision, scope);
        String sha = info.path("sha").asText("");
        if (!HubCache.isCommit(sha)) {
            throw new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub did not say which commit "
                    + revision + " of " + repo + " is at (is HF_ENDPOINT a Hugging Face Hub?).");
        }
        return sha;
    }

    List<RepoFile> files(String repo, String commit, CallScope scope) throws IOException, EngineException {
        HttpUrl url = models(repo).addPathSegment("tree").addPathSegment(commit)
                .addQueryParameter("recursive", "true").build();
        List<RepoFile> files = new ArrayList<>();
        for (int page = 0; url != null; page++) {
            if (page >= MAX_PAGES) {
                throw new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub's file list of " + repo
                        + " did not end after " + MAX_PAGES + " pages.");
            }
            String[] next = new String[1];
            JsonNode entries = getJson(url, repo, "the file list", scope, next);
            if (!entries.isArray()) {
                throw malformed(repo, "the file list is not a JSON array");
            }
            for (JsonNode e : entries) {
                if (!e.path("type").asText().equals("file")) {
                    continue;
                }
                JsonNode lfs = e.path("lfs");
                try {
                    files.add(new RepoFile(e.path("path").asText(), e.path("size").asLong(-1),
                            lfs.isObject() ? lfs.path("oid").asText(null) : null,
                            e.hasNonNull("oid") ? e.path("oid").asText() : null));
                } catch (IllegalArgumentException bad) {
                    throw malformed(repo, bad.getMessage());
                }
            }
            url = next[0] == null ? null : url.resolve(next[0]);
        }
        return files;
    }

    private HttpUrl.Builder models(String repo) {
        HttpUrl.Builder b = http.endpoint().newBuilder().addPathSegment("api").addPathSegment("models");
        for (String part : repo.split("/")) {
            b.addPathSegment(part);
        }
        return b;
    }

    private JsonNode getJson(HttpUrl url, String repo, String what, CallScope scope)
            throws IOException, EngineException {
        return getJson(url, repo, what, scope, new String[1]);
    }

    private JsonNode getJson(HttpUrl url, String repo, String what, CallScope scope, String[] next)
            throws IOException, EngineException {
        return http.send("GET", url, Map.of("Accept", "application/json"), true, scope, (response, at) -> {
            if (!response.isSuccessful()) {
                throw HubFailures.of(response, repo, what, http.hasToken(), http.redactor());
            }
            String link = response.header("Link");
            if (link != null) {
                Matcher m = NEXT.matcher(link);
                next[0] = m.find() ? m.group(1) : null;
            }
            byte[] body = RemoteHttp.readBounded(what, response.body(), MAX_PAGE_BYTES, true);
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw malformed(repo, what + " is not JSON");
            }
        });
    }

    private static EngineException malformed(String repo, String why) {
        return new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub's answer about " + repo
                + " cannot be used: " + why + ".");
    }
}
