package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.local.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java tokenizer on FLUX's real CLIP files gives the reference tokenizer's 77 ids (start, tokens, end, end-token
 * padding; truncated to 75 tokens) for each of the 52 tricky prompts in shared/testdata/clip-tokenizer: cases,
 * contractions, numbers, accents in both normal forms, emoji, CJK, full-width, ligatures, odd whitespace, HTML
 * entities, typed special tokens, mojibake, empty and over-long prompts.
 */
class ClipTokenizerReferenceTest {

    private static final ClipTokenizer TOKENIZER = load();

    private static ClipTokenizer load() {
        try {
            return ClipTokenizer.load(TestData.clipTokenizer());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> prompts() throws IOException {
        JsonNode all = new ObjectMapper().readTree(TestData.clipTokenizer().resolve("ids.json").toFile());
        return StreamSupport.stream(all.spliterator(), false).toList();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void theReferenceFileHoldsAll52Prompts() throws IOException {
        assertEquals(52, prompts().size());
    }

    @TestFactory
    List<DynamicTest> eachPromptGivesTheReferencesIdsAll77() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<JsonNode> prompts = prompts();
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode record = prompts.get(i);
            String prompt = record.get("prompt").asText();
            tests.add(DynamicTest.dynamicTest(i + ": " + escaped(prompt), () -> {
                assertArrayEquals(ints(record.get("ids")), TOKENIZER.encode(prompt), "ids of \"" + prompt + "\"");
                // all content tokens, before truncation: the long prompts are cut after tokenizing, not before
                int[] tokens = TOKENIZER.tokens(prompt).stream().mapToInt(TOKENIZER::id).toArray();
                assertArrayEquals(ints(record.get("tokens")), tokens, "tokens of \"" + prompt + "\"");
            }));
        }
        return tests;
    }

    private static String escaped(String prompt) {
        StringBuilder out = new StringBuilder();
        prompt.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
