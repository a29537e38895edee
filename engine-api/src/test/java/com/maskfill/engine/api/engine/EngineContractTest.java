package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineContractTest {

    private static final Capabilities WAVESPEED_LIKE = Capabilities.builder().sideRange(256, 1536)
            .guidanceRange(28, 35).maxSeed(2_147_483_647L).maxLoras(3).safetyCheckerOptional(true).build();

    private static FillRequest.Builder request() {
        return FillRequest.builder().image(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))
                .mask(Mask.filled(8, 8, 255)).prompt("sky");
    }

    @Test
    void capabilitiesNameEachSettingTheEngineCannotRun() {
        FillRequest r = request().guidance(40).seed(3_000_000_000L).workingSize(2048).build();
        assertEquals(List.of("guidance = 40 is out of range: allowed 28–35",
                "seed = 3000000000 is out of range: allowed 0–2147483647",
                "workingSize = 2048 is out of range: allowed 256–1536"), WAVESPEED_LIKE.problemsWith(r));
    }

    @Test
    void capabilitiesAcceptARequestWithinLimits() {
        assertEquals(List.of(), WAVESPEED_LIKE.problemsWith(request().guidance(30).workingSize(1024).build()));
    }

    @Test
    void engineWithoutLorasOrSafetyToggleRefusesThem() {
        Capabilities strict = Capabilities.builder().maxLoras(0).maxImages(1).safetyCheckerOptional(false).build();
        FillRequest r = request().addLora(Lora.of("a/b", 1)).imageCount(2).safetyChecker(false).build();
        assertEquals(List.of("imageCount = 2 is out of range: allowed 1–1",
                "loras has 1 entries: this engine takes no LoRAs",
                "safetyChecker = off is not supported: this engine always checks"), strict.problemsWith(r));
    }

    @Test
    void cancellationRunsCallbacksOnceAndThrowsCancelledAfterwards() {
        Cancellation cancellation = new Cancellation();
        AtomicInteger calls = new AtomicInteger();
        cancellation.onCancel(calls::incrementAndGet);
        Cancellation.Registration removed = cancellation.onCancel(() -> calls.addAndGet(100));
        removed.close();
        assertFalse(cancellation.isCancelled());
        cancellation.cancel();
        cancellation.cancel();
        assertEquals(1, calls.get());
        EngineException e = assertThrows(EngineException.class, cancellation::throwIfCancelled);
        assertEquals(EngineException.Category.CANCELLED, e.category());
    }

    @Test
    void callbackRegisteredAfterCancelRunsImmediately() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        List<String> ran = new ArrayList<>();
        cancellation.onCancel(() -> ran.add("late"));
        assertEquals(List.of("late"), ran);
    }

    @Test
    void failingCallbackDoesNotStopTheOthers() {
        Cancellation cancellation = new Cancellation();
        List<String> ran = new ArrayList<>();
        cancellation.onCancel(() -> {
            throw new IllegalStateException("boom");
        });
        cancellation.onCancel(() -> ran.add("provider cancel"));
        assertThrows(IllegalStateException.class, cancellation::cancel);
        assertEquals(List.of("provider cancel"), ran);
        assertTrue(cancellation.isCancelled());
    }

    @Test
    void missingCredentialIsAnAuthenticationFailureNamingIt() {
        EngineException e = assertThrows(EngineException.class,
                () -> new TestEchoEngineProvider().create(EngineContext.empty()));
        assertEquals(EngineException.Category.AUTHENTICATION, e.category());
        assertEquals("Test echo engine needs a credential named \"apiKey\": add it in the engine settings", e.getMessage());
    }

    @Test
    void secretsNeverShowInToStringOfSecretOrContext() {
        CredentialSource source = CredentialSource.of(Map.of("apiKey", "sk-very-secret"));
        Secret secret = source.find("apiKey").orElseThrow();
        assertEquals("sk-very-secret", secret.reveal());
        EngineContext context = EngineContext.builder().credentials(source).option("model", "dev").build();
        assertFalse(secret.toString().contains("sk-very"));
        assertFalse(context.toString().contains("sk-very"));
        assertTrue(CredentialSource.of(Map.of("apiKey", " ")).find("apiKey").isEmpty());
    }

    @Test
    void secretWithAStrayCharacterIsRefusedWithAMessageThatNeverContainsIt() {
        for (String stray : new String[] {"\r", "\n", " ", "\u00A0", "\u200B", "\uFEFF", "é"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Secret.of("sk-abc123" + stray));
            assertFalse(e.getMessage().contains("sk-abc"), e.getMessage());
            assertTrue(e.getMessage().contains("character 10 of 10"), e.getMessage());
        }
        EngineException named = assertThrows(EngineException.class, () -> CredentialSource.of(
                Map.of("ONEMIN_API_KEY", "sk-abc123\r")).require("ONEMIN_API_KEY", "1min.ai"));
        assertEquals(EngineException.Category.AUTHENTICATION, named.category());
        assertTrue(named.getMessage().contains("ONEMIN_API_KEY") && named.getMessage().contains("carriage return"),
                named.getMessage());
        assertFalse(named.getMessage().contains("sk-abc"));
    }

    @Test
    void engineExceptionKeepsUserMessageAndProviderDetailApart() {
        EngineException e = new EngineException(EngineException.Category.PROVIDER_FAILED,
                "WaveSpeed could not run the job", "code 1403: task execution failed");
        assertEquals("WaveSpeed could not run the job", e.getMessage());
        assertEquals("code 1403: task execution failed", e.providerDetail().orElseThrow());
        assertTrue(new EngineException(EngineException.Category.NETWORK, "Timed out", " ").providerDetail().isEmpty());
    }

    @Test
    void progressEventsDescribeTheirStage() {
        assertEquals("Running step 5 of 28", ProgressEvent.running(5, 28).describe());
        assertEquals("Queued (position 3)", ProgressEvent.queued(3).describe());
        assertEquals("Queued", ProgressEvent.queued(ProgressEvent.UNKNOWN).describe());
        assertEquals("Uploading 512 KiB of 2.0 MiB", ProgressEvent.uploading(512 * 1024, 2 * 1024 * 1024).describe());
        assertEquals(0.25, ProgressEvent.uploading(1, 4).fraction().orElseThrow());
        assertTrue(ProgressEvent.downloading(10, ProgressEvent.UNKNOWN).fraction().isEmpty());
        assertTrue(ProgressEvent.queued(2).fraction().isEmpty());
    }

    @Test
    void progressEventsSayWhatTheStageIsBusyWith() {
        assertEquals("Loading the transformer", ProgressEvent.preparing("Loading the transformer", 0, 2).describe());
        assertEquals(0.5, ProgressEvent.preparing("Loading the autoencoder", 1, 2).fraction().orElseThrow());
        assertEquals("Preparing", ProgressEvent.preparing(" ").describe(), "a blank detail is none");
        assertEquals("Downloading PyTorch's native libraries 1.0 MiB of 4.0 MiB",
                ProgressEvent.downloading(1 << 20, 4 << 20).withDetail("PyTorch's native libraries").describe());
        assertEquals("Running step 2 of 4: tile 3", ProgressEvent.running(2, 4).withDetail("tile 3").describe());
        assertEquals(ProgressEvent.running(2, 4), new ProgressEvent(ProgressEvent.Stage.RUNNING, 2, 4, null));
    }

    @Test
    void engineResultRequiresOneNsfwFlagPerImageWhenFlagsAreGiven() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalStateException.class,
                () -> EngineResult.builder().addImage(img).nsfwFlags(List.of(false, true)).build());
        assertThrows(IllegalStateException.class, () -> EngineResult.builder().build());
        EngineResult ok = EngineResult.builder().addImage(img).nsfwFlags(List.of(true)).cost(Cost.usd("0.035")).build();
        assertEquals("0.035 USD", ok.cost().orElseThrow().toString());
    }
}
