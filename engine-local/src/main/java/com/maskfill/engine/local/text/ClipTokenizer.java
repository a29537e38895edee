package com.maskfill.engine.local.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, from the {@code vocab.json} and {@code merges.txt} of the FLUX repo's
 * {@code tokenizer/} folder. Hand-written because that folder has no {@code tokenizer.json}, which is what DJL's
 * Hugging Face tokenizer needs (local-engine.md §1.5). Proven id for id against the reference (transformers'
 * CLIPTokenizer with ftfy) on 52 prompts. Text is cleaned and lower-cased, split with CLIP's pattern,
 * each piece's UTF-8 bytes mapped to printable characters, {@code </w>} appended to its last symbol, then merged by
 * rank. Output: start token, at most 75 tokens, end token, padded with the end token to 77.
 */
public final class ClipTokenizer {

    public static final int MAX_LENGTH = 77;
    /**
     * Raised whenever a fix changes the ids of some prompt, so that prompt caches keyed with it encode those prompts
     * again. 2: the reference's ftfy clean-up and special-token handling (before, the clean-up without ftfy).
     */
    public static final int REVISION = 2;
    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    private static final String WORD_END = "</w>";
    /** The merges CLIP uses: its vocabulary holds 256 bytes x 2 (plain, word-final), these merges and 2 specials. */
    private static final int MERGES_USED = 49152 - 256 - 2;
    private static final Pattern PIECES = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** The special strings as typed: the reference splits on these before anything else (case-sensitive). */
    private static final Pattern SPECIALS = Pattern.compile("<\\|startoftext\\|>|<\\|endoftext\\|>");
    private static final String[] BYTE_TO_CHAR = byteToChar();

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> mergeRank;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();
    private final int startId;
    private final int endId;

    ClipTokenizer(Map<String, Integer> vocab, List<String> merges) {
        this.vocab = vocab;
        this.mergeRank = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            mergeRank.putIfAbsent(merges.get(i), i);
        }
        this.startId = id(START);
        this.endId = id(END);
    }

    /** Reads {@code vocab.json} and {@code merges.txt} (its first line is a version comment) from {@code folder}. */
    public static ClipTokenizer load(Path folder) throws IOException {
        Path vocabFile = folder.resolve("vocab.json");
        Path mergesFile = folder.resolve("merges.txt");
        JsonNode json = new ObjectMapper().readTree(Files.readString(vocabFile, StandardCharsets.UTF_8));
        Map<String, Integer> vocab = new HashMap<>();
        json.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#version") && !line.isBlank() && merges.size() < MERGES_USED) {
                merges.add(line);
            }
        }
        if (!vocab.containsKey(START) || !vocab.containsKey(END)) {
            throw new IOException(vocabFile + ": no " + START + " / " + END + " tokens; not a CLIP vocabulary");
        }
        return new ClipTokenizer(vocab, merges);
    }

    /** Exactly {@link #MAX_LENGTH} ids: start, the prompt's tokens (truncated), end, end-token padding. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(startId);
        for (String token : tokens(text)) {
            if (ids.size() == MAX_LENGTH - 1) {
                break;
            }
            ids.add(id(token));
        }
        ids.add(endId);
        int[] out = new int[MAX_LENGTH];
        Arrays.fill(out, endId);
        for (int i = 0; i < ids.size(); i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    /**
     * The BPE tokens of a text, without start/end tokens. As the reference: the text is first split at the special
     * token strings typed exactly, which stand for themselves; each part is cleaned ({@link ClipTextCleaner}) and
     * split with CLIP's pattern. A special string typed in another case survives as a piece after lower-casing and is
     * the special token too (the reference's BPE cache holds both), unlike in Hugging Face's fast tokenizer.
     */
    public List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher specials = SPECIALS.matcher(text);
        int from = 0;
        while (specials.find()) {
            addTokens(text.substring(from, specials.start()), out);
            out.add(specials.group());
            from = specials.end();
        }
        addTokens(text.substring(from), out);
        return out;
    }

    private void addTokens(String part, List<String> out) {
        Matcher m = PIECES.matcher(clean(part));
        while (m.find()) {
            String piece = m.group();
            if (piece.equals(START) || piece.equals(END)) {
                out.add(piece);
                continue;
            }
            StringBuilder mapped = new StringBuilder();
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                mapped.append(BYTE_TO_CHAR[b & 0xff]);
            }
            out.addAll(cache.computeIfAbsent(mapped.toString(), this::bpe));
        }
    }

    /**
     * What the reference matches its pattern against: ftfy's fixes, whitespace collapsed, lower case (Python's
     * {@code str.lower}, with a final sigma as {@code ς}, as Java's {@link String#toLowerCase(Locale)} has it too).
     */
    static String clean(String text) {
        return ClipTextCleaner.clean(text);
    }

    private List<String> bpe(String piece) {
        List<String> word = new ArrayList<>();
        int[] cps = piece.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            String symbol = new String(cps, i, 1);
            word.add(i == cps.length - 1 ? symbol + WORD_END : symbol);
        }
        while (word.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer rank = mergeRank.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            // merge every occurrence of the best pair, left to right, as the reference BPE does
            String first = word.get(best);
            String second = word.get(best + 1);
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        return word;
    }

    int id(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            // every single byte symbol is in CLIP's vocabulary, so this means a foreign vocab.json
            throw new IllegalStateException("token '" + token + "' is not in the CLIP vocabulary");
        }
        return id;
    }

    /** GPT-2's reversible byte to printable-character table: printable Latin-1 bytes stand for themselves. */
    private static String[] byteToChar() {
        String[] table = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
            table[b] = new String(Character.toChars(printable ? b : next++));
        }
        return table;
    }
}
