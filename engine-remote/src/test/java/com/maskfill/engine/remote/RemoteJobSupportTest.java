package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.http.HttpClients;
import com.maskfill.engine.remote.http.RecordingSleeper;
import com.maskfill.engine.api.engine.Redactor;
import org.junit.jupiter.api.Test;

class RemoteJobSupportTest {

    private static final String KEY = "sk-live-abcdef123456";

    @Test
    void aRuntimeFailureInsideAJobLeavesRedactedAsAnEngineException() {
        RemoteJobSupport support = new RemoteJobSupport("test", "Test", "TEST_API_KEY",
                HttpClients.forApi(EngineTestKit.fastTuning(RecordingSleeper.fast()).timeouts()),
                Redactor.of(Secret.of(KEY)), EngineTestKit.fastTuning(RecordingSleeper.fast()));
        EngineException e = assertThrows(EngineException.class, () -> support.run(EngineTestKit.input(),
                new Cancellation(), scope -> {
                    // What OkHttp throws for a header value it refuses: the value, quoted in full.
                    throw new IllegalArgumentException("Unexpected char 0x0d at 20 in API-KEY value: " + KEY + "\r");
                }));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        EngineTestKit.assertNoSecret(e, KEY);
    }
}
