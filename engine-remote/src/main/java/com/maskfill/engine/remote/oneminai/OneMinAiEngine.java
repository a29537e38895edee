package com.maskfill.engine.remote.oneminai;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.remote.EnvironmentCredentials;
import com.maskfill.engine.remote.RemoteImages;
import com.maskfill.engine.remote.RemoteJobSupport;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.MalformedResponseException;
import com.maskfill.engine.remote.http.ProviderFailure;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.oneminai.OneMinAiResponses.AiRecord;
import com.maskfill.engine.remote.oneminai.OneMinAiResponses.AssetResponse;
import com.maskfill.engine.remote.oneminai.OneMinAiResponses.FeatureResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * FLUX.1 Fill [dev] on 1min.ai ({@code IMAGE_INPAINTER}): upload image and mask as assets, one blocking
 * features call, download {@code aiRecord.temporaryUrl}. The provider returns about one megapixel at the
 * input's aspect whatever the input size (so crops are planned at most 1024 px a side), and the output is
 * scaled back to the input size. There is no cancel endpoint and nothing to poll: cancelling aborts the blocking
 * call and the provider may still finish the job; a job whose download failed is resumed from its output URL.
 */
public final class OneMinAiEngine implements Engine {

    /** How far the output's aspect may stray from the input's (the provider floors sides to multiples of 32). */
    private static final double ASPECT_TOLERANCE = 0.10;

    private final OneMinAiApi api;
    private final RemoteJobSupport support;

    OneMinAiEngine(HttpUrl root, Secret apiKey, RemoteTuning tuning) {
        this.api = new OneMinAiApi(root, apiKey);
        this.support = new RemoteJobSupport("oneminai", "1min.ai", EnvironmentCredentials.ONEMIN_API_KEY,
                HttpClients.forApi(tuning.timeouts()), Redactor.of(apiKey), tuning);
    }

    @Override
    public Capabilities capabilities() {
        return OneMinAiEngineProvider.CAPABILITIES;
    }

    @Override
    public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        return support.run(input, cancellation, scope -> {
            String imagePath = upload(RemoteImages.png(input.image()), "image.png", progress, scope);
            String maskPath = upload(RemoteImages.png(input.mask()), "mask.png", progress, scope);
            progress.onProgress(ProgressEvent.running());
            FeatureResponse response = support.api().json(
                    support.api().sendOnce(api.inpaint(input, imagePath, maskPath), scope), FeatureResponse.class);
            AiRecord record = succeeded(response);
            SubmittedJob job = new SubmittedJob("oneminai", record.uuid(), List.of(record.temporaryUrl()), input.seed());
            return download(job, input, progress, scope);
        });
    }

    /** 1min.ai has nothing to poll: a resumed job is the download of the output URL it already gave. */
    @Override
    public EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                               Cancellation cancellation) throws EngineException {
        return support.run(input, cancellation, scope -> {
            if (job.outputUrls().isEmpty()) {
                throw new ProviderFailure(Category.INVALID_INPUT, "1min.ai cannot look a job up by id; only a job "
                        + "whose output address arrived can be fetched again", null);
            }
            return download(job, input, progress, scope);
        });
    }

    private EngineResult download(SubmittedJob job, EngineInput input, ProgressListener progress, CallScope scope)
            throws IOException {
        List<BufferedImage> images = support.downloadAll(job, job.outputUrls(), input.width(), input.height(),
                OneMinAiEngine::scaledBack, progress, scope);
        EngineResult.Builder result = EngineResult.builder().providerJobId(job.jobId());
        images.forEach(result::addImage);
        return result.build(); // the shared pipeline measures the total; 1min.ai reports no times of its own
    }

    private String upload(byte[] png, String filename, ProgressListener progress, CallScope scope) throws IOException {
        progress.onProgress(ProgressEvent.uploading(0, png.length));
        AssetResponse asset = support.api().json(support.api().sendRepeatable(api.uploadAsset(png, filename), scope),
                AssetResponse.class);
        if (asset.path() == null) {
            throw new MalformedResponseException("1min.ai asset upload answer has neither fileContent.path nor asset.key");
        }
        progress.onProgress(ProgressEvent.uploading(png.length, png.length));
        return asset.path();
    }

    private static AiRecord succeeded(FeatureResponse response) throws IOException {
        AiRecord record = response.aiRecord();
        if (record == null) {
            throw new ProviderFailure(Category.PROVIDER_FAILED, "1min.ai answered without a result record",
                    response.message());
        }
        if (OneMinAiStatus.of(record.status()) != OneMinAiStatus.SUCCESS) {
            String detail = record.aiRecordDetail() == null || record.aiRecordDetail().responseObject() == null
                    ? response.message() : record.aiRecordDetail().responseObject().toString();
            // The model behind 1min.ai fails a job whose every output its NSFW filter removed.
            boolean nsfw = detail != null && detail.toLowerCase(Locale.ROOT).contains("nsfw");
            throw new ProviderFailure(nsfw ? Category.SAFETY_FLAGGED : Category.PROVIDER_FAILED,
                    "1min.ai ended the job as " + record.status(), detail);
        }
        if (record.temporaryUrl() == null || record.temporaryUrl().isBlank()) {
            throw new MalformedResponseException("1min.ai reported SUCCESS without aiRecord.temporaryUrl");
        }
        return record;
    }

    /**
     * The whole output maps onto the whole input. One whose aspect strays further than the provider's rounding
     * explains is still kept (it was paid for), with a notice in the job's activity, and stretched to fit.
     */
    private static BufferedImage scaledBack(BufferedImage output, int width, int height, ProgressListener progress) {
        double asked = (double) width / height;
        double got = (double) output.getWidth() / output.getHeight();
        if (Math.abs(got - asked) / asked > ASPECT_TOLERANCE) {
            progress.onProgress(new ProgressEvent(ProgressEvent.Stage.DOWNLOADING, ProgressEvent.UNKNOWN,
                    ProgressEvent.UNKNOWN, "(notice: 1min.ai returned " + output.getWidth() + "×" + output.getHeight()
                    + " for a " + width + "×" + height + " crop; it was stretched to fit, check the result)"));
        }
        return RemoteImages.fit(output, width, height);
    }
}
