package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.wavespeed.ai", "https://gateway.example.com/v1", "http://localhost:8080",
            "http://127.0.0.1:9000/proxy", "http://[::1]:8080", "HTTPS://Example.COM"})
    void acceptsHttpsAndLoopbackHttp(String url) {
        assertEquals(Optional.empty(), EndpointPolicy.problemWith(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gateway.example.com", "http://192.168.1.5:8080", "http://localhost.evil.com"})
    void refusesPlainHttpToOtherHosts(String url) {
        assertTrue(EndpointPolicy.problemWith(url).orElseThrow().startsWith("plain http is allowed only"), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway.example.com", "ftp://example.com", "https://", "not a url",
            "https://example.com/?key=1", "https://user:pass@example.com", "https://my_proxy.example.com",
            "https://example.com:70000"})
    void refusesWhatIsNotABaseUrl(String url) {
        assertTrue(EndpointPolicy.problemWith(url).isPresent(), url);
    }
}
