package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", in process: with HF_ENDPOINT at a fake Hub serving the tiny FLUX Fill model in the
 * official repository's layout, {@code maskfill models download} and then {@code maskfill generate --engine local}
 * with no model flag produce a fill (the local engine finds the download in the Hugging Face cache).
 */
class DownloadThenGenerateLocallyTest {

    @TempDir
    Path home;

    private FakeHubServer hub;
    private final Map<String, String> env = new HashMap<>();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHubServer();
        TinyFluxRepo.files().forEach(hub::file);
        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HOME", home.resolve("hf").toString());
        env.put("HF_TOKEN", FakeHubServer.TOKEN);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private int run(String... args) {
        MaskfillCli cli = MaskfillCli.run(env, args);
        out = cli.out;
        err = cli.err;
        return cli.exit;
    }

    @Test
    void modelsDownloadThenGenerateWithTheLocalEngineAndNoModelFlagProducesAFill() throws Exception {
        long started = System.nanoTime();
        assertEquals(0, run("models", "download"), err.toString());
        Path snapshot = Path.of(out.toString().strip());
        assertTrue(err.toString().contains("Done flux1-fill-dev.safetensors"), err.toString());
        long downloaded = System.nanoTime();

        Path result = home.resolve("filled.png");
        Path reference = TinyFluxRepo.referenceDir();
        // min-side and the T5 length only keep the tiny model fast; no option says where the model is
        int exit = run("generate", "--engine", "local", "--image", reference.resolve("image.png").toString(),
                "--mask", reference.resolve("mask.png").toString(), "--prompt", "a cat", "--steps", "2",
                "--seed", "7", "--option", "min-side=64", "--option", "max-sequence-length=8",
                "--out", result.toString());

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertTrue(err.toString().contains("Model files: " + snapshot), err.toString());
        BufferedImage fill = ImageIO.read(result.toFile());
        BufferedImage source = ImageIO.read(reference.resolve("image.png").toFile());
        assertEquals(source.getWidth(), fill.getWidth());
        assertEquals(source.getHeight(), fill.getHeight());
        assertFalse(samePixels(source, fill), "the masked area was filled");
        assertFalse(err.toString().contains(FakeHubServer.TOKEN) || out.toString().contains(FakeHubServer.TOKEN));
        System.out.printf("models download %.1f s, generate --engine local %.1f s%n",
                (downloaded - started) / 1e9, (System.nanoTime() - downloaded) / 1e9);
    }

    @Test
    void aComfyUiInstallationLackingTheTokenizersIsCompletedByFetchingOnlyWhatIsMissing() throws Exception {
        Map<String, byte[]> repo = TinyFluxRepo.files();
        Path comfy = home.resolve("ComfyUI");
        Map<String, byte[]> installed = new java.util.LinkedHashMap<>();
        installed.put("models/diffusion_models/flux1-fill-dev.safetensors", repo.get("flux1-fill-dev.safetensors"));
        installed.put("models/vae/ae.safetensors", repo.get("ae.safetensors"));
        installed.put("models/text_encoders/clip_l.safetensors", repo.get("text_encoder/model.safetensors"));
        installed.put("models/text_encoders/t5xxl_fp16.safetensors", repo.get("text_encoder_2/model.safetensors"));
        TinyFluxRepo.writeTo(comfy, installed);
        Path reference = TinyFluxRepo.referenceDir();
        String[] generate = {"generate", "--engine", "local", "--comfyui-dir", comfy.toString(),
            "--image", reference.resolve("image.png").toString(), "--mask", reference.resolve("mask.png").toString(),
            "--prompt", "a cat", "--steps", "1", "--seed", "7", "--option", "min-side=64",
            "--option", "max-sequence-length=8", "--out", home.resolve("comfy-filled.png").toString()};

        assertEquals(ExitCode.INVALID_INPUT, run(generate));
        String missing = err.toString();
        assertTrue(missing.contains("the CLIP tokenizer") && missing.contains("the T5 tokenizer"), missing);
        assertFalse(missing.contains("the FLUX.1 Fill transformer") || missing.contains("the autoencoder:"), missing);
        assertTrue(missing.contains("transformer " + comfy.resolve("models/diffusion_models/flux1-fill-dev.safetensors")),
                "says what it found: " + missing);
        java.util.regex.Matcher command = java.util.regex.Pattern.compile("`maskfill models download --files ([^`]+)`")
                .matcher(missing);
        assertTrue(command.find(), missing);
        assertEquals("tokenizer/,tokenizer_2/,transformer/config.json,text_encoder/config.json,"
                + "text_encoder_2/config.json", command.group(1));

        assertEquals(0, run("models", "download", "--files", command.group(1)), err.toString());
        assertTrue(hub.cdnRequests.isEmpty(), "no weights were fetched: ComfyUI has them");

        assertEquals(ExitCode.DONE, run(generate), err.toString());
        assertTrue(err.toString().contains("Model files: transformer "
                + comfy.resolve("models/diffusion_models/flux1-fill-dev.safetensors")), err.toString());
        assertTrue(err.toString().contains("T5-XXL " + comfy.resolve("models/text_encoders/t5xxl_fp16.safetensors")),
                err.toString());
        assertEquals(64, ImageIO.read(home.resolve("comfy-filled.png").toFile()).getWidth());
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
