package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-made tokenizer.json with T5's conventions: {@code </s>} = 1 appended, {@code <pad>} = 0. */
class T5TokenizerTest {

    @TempDir
    Path dir;

    private Path tokenizerJson() throws IOException {
        return writeTokenizerJson(dir);
    }

    /** A WordLevel tokenizer.json (a=3, red=4, cat=5) in {@code folder}. */
    static Path writeTokenizerJson(Path folder) throws IOException {
        Files.writeString(folder.resolve("tokenizer.json"), """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[{"id":0,"content":"<pad>","single_word":false,"lstrip":false,"rstrip":false,
                                  "normalized":false,"special":true},
                                 {"id":1,"content":"</s>","single_word":false,"lstrip":false,"rstrip":false,
                                  "normalized":false,"special":true}],
                 "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},
                 "post_processor":{"type":"TemplateProcessing",
                   "single":[{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"</s>","type_id":0}}],
                   "pair":[{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"</s>","type_id":0}}],
                   "special_tokens":{"</s>":{"id":"</s>","ids":[1],"tokens":["</s>"]}}},
                 "decoder":null,
                 "model":{"type":"WordLevel","vocab":{"<pad>":0,"</s>":1,"<unk>":2,"a":3,"red":4,"cat":5},
                          "unk_token":"<unk>"}}
                """);
        return folder;
    }

    @Test
    void promptGetsEndTokenAndPadsWithZerosToTheFixedLength() throws IOException {
        try (T5Tokenizer tokenizer = T5Tokenizer.load(tokenizerJson(), 8)) {
            assertArrayEquals(new long[] {3, 4, 5, 1, 0, 0, 0, 0}, tokenizer.encode("a red cat"));
            assertArrayEquals(new long[] {3, 2, 1, 0, 0, 0, 0, 0}, tokenizer.encode("a dog"));
        }
    }

    @Test
    void longPromptIsTruncatedKeepingTheEndToken() throws IOException {
        try (T5Tokenizer tokenizer = T5Tokenizer.load(tokenizerJson(), 4)) {
            assertArrayEquals(new long[] {3, 4, 5, 1}, tokenizer.encode("a red cat a red cat"));
        }
    }

    @Test
    void missingTokenizerJsonIsNamed() {
        assertThrows(IOException.class, () -> T5Tokenizer.load(dir.resolve("tokenizer_2"), 128));
    }
}
