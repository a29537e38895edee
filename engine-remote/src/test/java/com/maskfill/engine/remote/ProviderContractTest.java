package com.maskfill.engine.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.remote.http.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the per-provider contract tests: a fresh scripted fake per test and a recording sleeper. */
public abstract class ProviderContractTest {

    protected static final ObjectMapper MAPPER = new ObjectMapper();

    protected ScriptedServer server;
    protected final RecordingSleeper sleeper = RecordingSleeper.fast();

    @BeforeEach
    void startFake() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stopFake() {
        server.close();
    }
}
