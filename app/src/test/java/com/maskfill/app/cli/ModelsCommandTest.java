package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maskfill models} against a fake Hub, with HF_ENDPOINT, HF_HOME and HF_TOKEN passed as the environment. */
class ModelsCommandTest {

    private static final String FLUX = "flux1-fill-dev.safetensors";

    @TempDir
    Path home;

    private FakeHubServer hub;
    private final Map<String, String> env = new HashMap<>();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws IOException {
        Path resources = Path.of("..", "engine-local", "src", "test", "resources");
        hub = new FakeHubServer()
                .file(FLUX, Files.readAllBytes(resources.resolve("text-oracle/t5-tiny.safetensors")))
                .file("ae.safetensors", Files.readAllBytes(resources.resolve("text-oracle/clip-tiny.safetensors")))
                .file("text_encoder/config.json", "{\"hidden_size\":16}".getBytes())
                .file("tokenizer_2/tokenizer.json", "{\"model\":{}}".getBytes())
                .file("transformer/diffusion_pytorch_model.safetensors", new byte[30_000])
                .file("model_index.json", "{}".getBytes());
        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HOME", home.toString());
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

    private Path snapshot() {
        return home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev/snapshots").resolve(FakeHubServer.COMMIT);
    }

    @Test
    void downloadThenListWhereAndVerifyTheModel() throws Exception {
        assertEquals(0, run("models", "download"), err.toString());
        assertEquals(snapshot().toString(), out.toString().strip());
        assertArrayEquals(hub.content(FLUX), Files.readAllBytes(snapshot().resolve(FLUX)));
        assertFalse(Files.exists(snapshot().resolve("transformer/diffusion_pytorch_model.safetensors")),
                "the diffusers copy of the weights is not fetched by default");
        String plan = err.toString();
        assertTrue(plan.contains("commit " + FakeHubServer.COMMIT), plan);
        assertTrue(plan.contains(FLUX) && plan.contains("to fetch") && plan.contains("free in"), plan);
        assertTrue(plan.contains("Done " + FLUX), plan);
        assertFalse(plan.contains(FakeHubServer.TOKEN), "the token is never printed");

        assertEquals(0, run("models", "list"), err.toString());
        assertTrue(out.toString().contains(FakeHubServer.REPO + " @ " + FakeHubServer.COMMIT + " (main)"), out.toString());
        assertTrue(out.toString().contains("complete: 5 files"), out.toString());

        assertEquals(0, run("models", "where"), err.toString());
        assertTrue(out.toString().contains("Hugging Face cache: " + home.resolve("hub")), out.toString());
        assertTrue(out.toString().contains("Local engine model folder: " + snapshot()), out.toString());

        assertEquals(0, run("models", "verify"), err.toString());
        assertTrue(out.toString().contains("All 5 files match."), out.toString());

        int cdnBefore = hub.cdnRequests.size();
        assertEquals(0, run("models", "download"), err.toString());
        assertEquals(cdnBefore, hub.cdnRequests.size(), "a second download fetches nothing");
        assertTrue(err.toString().contains("already there"), err.toString());
    }

    @Test
    void verifyNamesADamagedFileAndFixFetchesItAgain() throws Exception {
        assertEquals(0, run("models", "download"), err.toString());
        Path blob = snapshot().resolve(FLUX).toRealPath();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        assertEquals(ExitCode.PROVIDER_FAILED, run("models", "verify"));
        assertTrue(out.toString().contains("DAMAGED  " + FLUX), out.toString());
        assertTrue(out.toString().contains("OK       ae.safetensors"), out.toString());

        assertEquals(0, run("models", "verify", "--fix"), err.toString());
        assertArrayEquals(hub.content(FLUX), Files.readAllBytes(snapshot().resolve(FLUX)));
        assertEquals(0, run("models", "verify"), out.toString());
    }

    @Test
    void aGatedRepositoryWithoutATokenExitsWithAuthenticationAndSaysWhatToDo() {
        env.remove("HF_TOKEN");

        assertEquals(ExitCode.AUTHENTICATION, run("models", "download"));

        assertTrue(err.toString().contains("sign in"), err.toString());
        assertTrue(err.toString().contains("https://huggingface.co/" + FakeHubServer.REPO), err.toString());
        assertFalse(Files.exists(snapshot().resolve(FLUX)));
    }

    @Test
    void aTokenWithoutTheLicenceIsToldToAcceptItAndIsNotPrinted() {
        String token = "hf_NoLicenceYet0123456789abcdefghijk";
        env.put("HF_TOKEN", token);

        assertEquals(ExitCode.AUTHENTICATION, run("models", "download"));

        assertTrue(err.toString().contains("accept the licence at"), err.toString());
        assertFalse(err.toString().contains(token) || out.toString().contains(token));
    }

    @Test
    void filesChosenWithFilesAreTheOnlyOnesFetched() {
        assertEquals(0, run("models", "download", "--files", "ae.safetensors,*.json"), err.toString());

        assertTrue(Files.exists(snapshot().resolve("ae.safetensors")));
        assertTrue(Files.exists(snapshot().resolve("model_index.json")));
        assertFalse(Files.exists(snapshot().resolve(FLUX)));
    }

    @Test
    void beforeFetchingADownloadVerifiesWhatIsThereAndFetchesOnlyADamagedFile() throws Exception {
        assertEquals(0, run("models", "download"), err.toString());
        Path blob = snapshot().resolve("ae.safetensors").toRealPath();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1; // same length: only its hash tells
        Files.write(blob, bytes);
        Files.setLastModifiedTime(blob, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(blob).toMillis() + 2000));
        int cdnBefore = hub.cdnRequests.size();

        assertEquals(0, run("models", "download"), err.toString());

        String plan = err.toString();
        assertTrue(plan.contains("ae.safetensors has sha256"), plan);
        assertTrue(plan.matches("(?s).*ae\\.safetensors +[0-9.]+ kB  damaged: fetched again.*"), plan);
        assertTrue(plan.matches("(?s).*" + FLUX.replace(".", "\\.") + " +[0-9.]+ kB  already there, verified.*"), plan);
        assertEquals(cdnBefore + 1, hub.cdnRequests.size(), "only the damaged file was fetched again");
        assertArrayEquals(hub.content("ae.safetensors"), Files.readAllBytes(snapshot().resolve("ae.safetensors")));
    }

    @Test
    void withSymlinksDisabledTheDownloadedModelIsRealFilesAndVerifies() throws Exception {
        env.put("HF_HUB_DISABLE_SYMLINKS", "1");

        assertEquals(0, run("models", "download"), err.toString());

        assertFalse(Files.isSymbolicLink(snapshot().resolve(FLUX)));
        assertArrayEquals(hub.content(FLUX), Files.readAllBytes(snapshot().resolve(FLUX)));
        assertEquals(0, run("models", "verify"), out.toString());
    }

    @Test
    void usageMistakesExitWith2() {
        assertEquals(ExitCode.INVALID_INPUT, run("models", "download", "--no-such-option"));
        assertEquals(ExitCode.INVALID_INPUT, run("models", "download", "--repo", "not a repo"));
        assertTrue(err.toString().contains("is not a repository id"), err.toString());
        assertEquals(ExitCode.INVALID_INPUT, run("models", "download", "--files", "no-such-file.safetensors"));
        assertTrue(err.toString().contains("No no-such-file.safetensors in"), err.toString());
    }

    @Test
    void anUnreachableHubOrOfflineModeExitsWith4() {
        env.put("HF_ENDPOINT", "http://127.0.0.1:1");
        assertEquals(ExitCode.NETWORK, run("models", "download"));
        assertTrue(err.toString().contains("Cannot reach 127.0.0.1"), err.toString());

        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HUB_OFFLINE", "1");
        assertEquals(ExitCode.NETWORK, run("models", "download"));
        assertTrue(err.toString().contains("HF_HUB_OFFLINE"), err.toString());
    }

    @Test
    void aFileThatArrivesDamagedExitsWith3AndNeverTakesItsFinalName() {
        hub.corrupt = true;

        assertEquals(ExitCode.PROVIDER_FAILED, run("models", "download"));

        assertTrue(err.toString().contains("was refused"), err.toString());
        assertFalse(Files.exists(snapshot().resolve(FLUX)));
    }

    @Test
    void verifyRepairFetchesADamagedFileAgain() throws Exception {
        assertEquals(0, run("models", "download"), err.toString());
        Path blob = snapshot().resolve("ae.safetensors").toRealPath();
        Files.write(blob, new byte[] {1, 2, 3});

        assertEquals(0, run("models", "verify", "--repair"), err.toString());

        assertTrue(out.toString().contains("DAMAGED  ae.safetensors"), out.toString());
        assertTrue(out.toString().contains("Fetched again: ae.safetensors"), out.toString());
        assertArrayEquals(hub.content("ae.safetensors"), Files.readAllBytes(snapshot().resolve("ae.safetensors")));
    }

    @Test
    void whereWithNothingDownloadedSaysHowToGetIt() {
        assertEquals(0, run("models", "where"));

        assertTrue(out.toString().contains("none yet (run: maskfill models download)"), out.toString());
    }

    @Test
    void generateWithTheLocalEngineLooksInTheHuggingFaceCacheOfTheEnvironment() throws Exception {
        Path image = home.resolve("photo.png");
        java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(64, 64,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(photo, "png", image.toFile());
        Path mask = home.resolve("mask.png");
        java.awt.image.BufferedImage white = new java.awt.image.BufferedImage(64, 64,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        javax.imageio.ImageIO.write(white, "png", mask.toFile());

        int exit = run("generate", "--engine", "local", "--image", image.toString(), "--mask", mask.toString(),
                "--prompt", "a kite", "--out", home.resolve("out.png").toString());

        assertEquals(ExitCode.INVALID_INPUT, exit, err.toString());
        assertTrue(err.toString().contains("Nothing was found in the Hugging Face cache " + home.resolve("hub")),
                err.toString());
        assertTrue(err.toString().contains("maskfill models download"), err.toString());
    }
}
