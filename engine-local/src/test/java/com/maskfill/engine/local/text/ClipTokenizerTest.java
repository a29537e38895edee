package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BPE algorithm on a hand-made miniature vocabulary (the real 49408-token files come with the model, not with
 * the tests): byte mapping, word-end marks, merge order, cleaning, truncation and padding.
 */
class ClipTokenizerTest {

    @TempDir
    Path dir;

    private ClipTokenizer tokenizer;

    @BeforeEach
    void write() throws IOException {
        tokenizer = ClipTokenizer.load(writeVocabulary(dir));
    }

    /** The miniature vocabulary (ids 100..120) and merges in {@code folder}. */
    static Path writeVocabulary(Path folder) throws IOException {
        String[] tokens = {"a", "c", "t", "s", "a</w>", "t</w>", "s</w>", "!</w>", "ca", "cat</w>", "at</w>", "ts</w>",
            "Ã", "©</w>", "'s</w>", "'", "1</w>", "2</w>", "<|startoftext|>", "<|endoftext|>"};
        StringBuilder vocab = new StringBuilder("{");
        for (int i = 0; i < tokens.length; i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(tokens[i]).append("\":").append(100 + i);
        }
        Files.writeString(folder.resolve("vocab.json"), vocab.append('}').toString());
        // rank order matters: "c a" beats "a t</w>", so "cat" is (ca)(t</w>) -> cat</w>, never c(at</w>)
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\nc a\nca t</w>\na t</w>\nt s</w>\n' s</w>\n");
        return folder;
    }

    private int id(String token) {
        return 100 + List.of("a", "c", "t", "s", "a</w>", "t</w>", "s</w>", "!</w>", "ca", "cat</w>", "at</w>",
                "ts</w>", "Ã", "©</w>", "'s</w>", "'", "1</w>", "2</w>", "<|startoftext|>", "<|endoftext|>")
                .indexOf(token);
    }

    @Test
    void wordsMergeByRankAndEndWithTheWordEndMark() {
        assertEquals(List.of("a</w>", "cat</w>", "!</w>"), tokenizer.tokens("A CAT!"));
        assertEquals(List.of("at</w>"), tokenizer.tokens("at"), "without 'c' the lower-ranked merge applies");
        assertEquals(List.of("ca", "ts</w>"), tokenizer.tokens("cats"));
    }

    @Test
    void contractionsDigitsAndNonAsciiBytesSplitAsClipDoes() {
        assertEquals(List.of("cat</w>", "'s</w>"), tokenizer.tokens("cat's"));
        assertEquals(List.of("1</w>", "2</w>"), tokenizer.tokens("12"), "digits are single pieces");
        // é is UTF-8 C3 A9; both bytes are printable Latin-1 and stand for themselves
        assertEquals(List.of("Ã", "©</w>"), tokenizer.tokens("é"));
    }

    @Test
    void encodingIsStartTokensEndThenEndPaddingTo77() {
        int[] ids = tokenizer.encode("  a\tcat!\u0007 ");
        assertEquals(ClipTokenizer.MAX_LENGTH, ids.length);
        int end = id("<|endoftext|>");
        assertArrayEquals(new int[] {id("<|startoftext|>"), id("a</w>"), id("cat</w>"), id("!</w>"), end, end},
                Arrays.copyOf(ids, 6));
        assertEquals(end, ids[76]);
    }

    @Test
    void longPromptsKeep75TokensBetweenStartAndEnd() {
        int[] ids = tokenizer.encode("a ".repeat(100));
        assertEquals(id("a</w>"), ids[75]);
        assertEquals(id("<|endoftext|>"), ids[76]);
    }

    @Test
    void cleaningCollapsesWhitespaceDropsControlsAndLowerCases() {
        // ideographs stay together: the reference cleans with ftfy, not with the fallback that spaces CJK apart
        assertEquals("a cat 你好", ClipTokenizer.clean(" A\n\n CAT\u0000 你好 "));
    }

    @Test
    void entitiesAreDecodedOnlyUntilALineWithAnAngleBracketAsFtfyDoes() {
        assertEquals("a & b\n<i> &amp;\n&amp;", ClipTextCleaner.fixText("a &amp; b\n<i> &amp;\n&amp;"));
        // upper-case names of lower-case entities count too; unknown names and broken numbers stay as typed
        assertEquals("A \u00c9 \u00a0 &bogus; &#xZZ;", ClipTextCleaner.fixText("&#x41; &EACUTE; &nbsp; &bogus; &#xZZ;"));
    }

    @Test
    void vocabularyWithoutClipSpecialTokensIsRefused() throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 1}");
        assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
    }
}
