package com.maskfill.app.jobs;

import static com.maskfill.app.cli.TestEngines.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The editor's runner keeps an engine loaded from one job to the next, and lets it go when it must. */
class EngineJobRunnerTest {

    private static final EngineChoice COUNTING = EngineProviders.find("test-counting").map(EngineChoice::of)
            .orElseThrow();

    private final String tag = UUID.randomUUID().toString();
    private final Map<String, String> keys = new HashMap<>(Map.of("TEST_COUNTING_KEY", "first-key"));
    private final EngineJobRunner runner = new EngineJobRunner(name -> Optional.ofNullable(keys.get(name))
            .map(Secret::of));

    @AfterEach
    void close() {
        runner.close();
    }

    private JobSpec job(String modelDir) {
        return TestJobs.spec(COUNTING, "x", Map.of(TestEngines.TAG, tag, "model-dir", modelDir));
    }

    private void run(JobSpec spec) throws Exception {
        runner.run(spec, event -> { }, new Cancellation());
    }

    @Test
    void twoJobsWithTheSameSettingsShareOneEngine() throws Exception {
        run(job("/models/a"));
        run(job(" /models/a ")); // the same setting, typed with spaces

        assertEquals(1, count(tag, "created"), "the second job does not load the engine again");
        assertEquals(0, count(tag, "closed"));
    }

    @Test
    void changedSettingsCloseTheOldEngineAndCreateANewOne() throws Exception {
        run(job("/models/a"));
        run(job("/models/b"));

        assertEquals(2, count(tag, "created"));
        assertEquals(1, count(tag, "closed"), "the engine with the old settings is freed");

        runner.close();
        assertEquals(2, count(tag, "closed"), "and the runner frees the last one when it closes");
    }

    @Test
    void aJobForAnotherEngineFreesTheOneKept() throws Exception {
        run(job("/models/a"));
        EngineChoice other = EngineProviders.find("test-fill").map(EngineChoice::of).orElseThrow();
        run(TestJobs.spec(other, "x", Map.of(TestEngines.TAG, tag)));

        assertEquals(2, count(tag, "created"));
        assertEquals(1, count(tag, "closed"), "a local engine's gigabytes are not kept beside the next engine");
        run(job("/models/a"));
        assertEquals(3, count(tag, "created"), "switching back loads it again");
        assertEquals(2, count(tag, "closed"));
    }

    @Test
    void aLibrarysExceptionThatQuotesTheKeyReachesTheQueueWithoutIt() {
        keys.put("TEST_COUNTING_KEY", "sk-live/abc+def");
        EngineException e = assertThrows(EngineException.class, () -> run(TestJobs.spec(COUNTING, "quote the key",
                Map.of(TestEngines.TAG, tag, "model-dir", "/models/a"))));

        String shown = e.getMessage() + " " + e.providerDetail() + " " + e;
        assertFalse(shown.contains("sk-live"), shown);
        assertFalse(shown.contains("abc%2Bdef"), "nor URL-encoded: " + shown);
        assertTrue(e.providerDetail().orElseThrow().contains("API-KEY value: ***"), "the rest of the words stay: " + shown);
        assertEquals(null, e.getCause(), "the original, which holds the key, is not kept");
    }

    @Test
    void aCorrectedKeyIsUsedByANewEngine() throws Exception {
        run(job("/models/a"));
        keys.put("TEST_COUNTING_KEY", "corrected-key");
        run(job("/models/a"));

        assertEquals(2, count(tag, "created"), "an engine reads its key when created: a new key needs a new engine");
        assertEquals(1, count(tag, "closed"));
    }

    @Test
    void anEngineIsLetGoWhenMemoryRanOutAndTheNextJobLoadsItAgain() throws Exception {
        run(job("/models/a"));
        assertThrows(OutOfMemoryError.class, () -> run(TestJobs.spec(COUNTING, "out of memory",
                Map.of(TestEngines.TAG, tag, "model-dir", "/models/a"))));

        assertEquals(1, count(tag, "closed"), "its memory is given back at once");
        run(job("/models/a"));
        assertEquals(2, count(tag, "created"));
    }
}
