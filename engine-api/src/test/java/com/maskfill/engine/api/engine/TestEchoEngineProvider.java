package com.maskfill.engine.api.engine;

/** Registered in src/test/resources/META-INF/services to prove ServiceLoader discovery. */
public class TestEchoEngineProvider implements EngineProvider {

    static final Capabilities CAPABILITIES = Capabilities.builder().sideRange(256, 1536).guidanceRange(28, 35)
            .credential("apiKey").build();

    @Override
    public String id() {
        return "test-echo";
    }

    @Override
    public String displayName() {
        return "Test echo engine";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Engine create(EngineContext context) throws EngineException {
        context.credentials().require("apiKey", displayName());
        return new EchoEngine(true);
    }

    /** Returns its input image unchanged. */
    record EchoEngine(boolean hadKey) implements Engine {
        @Override
        public Capabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation) {
            return EngineResult.builder().addImage(input.image()).build();
        }
    }
}
