package com.maskfill.engine.local.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text clean-up of the reference CLIP tokenizer (transformers' CLIPTokenizer with ftfy installed, which is what
 * FLUX's pipelines run): {@code ftfy.fix_text} with its default steps, then whitespace runs to one space, trimmed, then
 * lower case. Without ftfy, transformers falls back to a different clean-up (CJK ideographs set apart, zero-width
 * characters dropped, no entity or quote fixes) that gives other ids for such prompts; the reference is the ftfy one.
 *
 * <p>ftfy's steps, in its order and repeated until the text stops changing: HTML entities (only in a line without
 * {@code <}, and not in any line after one), mojibake (UTF-8 read as Latin-1/Windows-1252), C1 controls as
 * Windows-1252, Latin ligatures, full-width forms, curly quotes, line breaks, lone surrogates, terminal escapes,
 * control characters, NFC. Not reproduced: ftfy's statistical "badness" score (mojibake is fixed here whenever the
 * whole text re-encodes to valid multi-byte UTF-8) and its rarer repairs (other code pages, lost bytes, mixed
 * encodings).
 */
final class ClipTextCleaner {

    private static final Pattern ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[[\\d;]*[a-zA-Z]");
    private static final Map<String, String> ENTITIES = entities();
    private static final Map<Integer, String> LIGATURES = Map.of(0x132, "IJ", 0x133, "ij", 0xfb00, "ff",
            0xfb01, "fi", 0xfb02, "fl", 0xfb03, "ffi", 0xfb04, "ffl", 0xfb05, "\u017ft", 0xfb06, "st");
    /** Windows-1252's characters for bytes 0x80-0x9f; where it defines none, the byte's own C1 character. */
    private static final String WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

    private ClipTextCleaner() {
    }

    /** What the reference tokenizer matches its pattern against: fixed, whitespace-collapsed, lower case. */
    static String clean(String text) {
        return collapseWhitespace(fixText(text)).toLowerCase(Locale.ROOT);
    }

    /** ftfy.fix_text: line by line; once a line holds {@code <}, entities are left alone from there on. */
    static String fixText(String text) {
        StringBuilder out = new StringBuilder();
        boolean entities = true;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos) + 1;
            if (end == 0) {
                end = text.length();
            }
            String segment = text.substring(pos, end);
            entities &= segment.indexOf('<') < 0;
            out.append(fixSegment(segment, entities));
            pos = end;
        }
        return out.toString();
    }

    private static String fixSegment(String text, boolean entities) {
        while (true) {
            String before = text;
            if (entities) {
                text = unescapeEntities(text);
            }
            text = fixEncoding(text);
            text = fixC1Controls(text);
            text = map(text, LIGATURES);
            text = fixWidth(text);
            text = text.replaceAll("[\u02bc\u2018-\u201b]", "'").replaceAll("[\u201c-\u201f]", "\"");
            text = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace('\u2029', '\n')
                    .replace('\u0085', '\n');
            text = fixSurrogates(text);
            text = TERMINAL_ESCAPE.matcher(text).replaceAll("");
            text = removeControls(text);
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (text.equals(before)) {
                return text;
            }
        }
    }

    /** Named references that end in {@code ;} (and upper-case forms of lower-case names), and numeric ones. */
    static String unescapeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group();
            String replacement = ENTITIES.get(entity.substring(1));
            if (replacement == null && entity.startsWith("&#")) {
                replacement = numericReference(entity.substring(2, entity.length() - 1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : entity));
        }
        return m.appendTail(out).toString();
    }

    /** As Python's html.unescape decodes {@code &#...;}: null when it is not a whole reference. */
    private static String numericReference(String digits) {
        boolean hex = digits.startsWith("x") || digits.startsWith("X");
        String number = hex ? digits.substring(1) : digits;
        if (number.isEmpty() || !number.matches(hex ? "[0-9a-fA-F]+" : "[0-9]+")) {
            return null;
        }
        long cp;
        try {
            cp = number.length() > 8 ? Long.MAX_VALUE : Long.parseLong(number, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
        if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
            return "\ufffd";
        }
        if (cp == 0x0d) {
            return "\r";
        }
        if (cp >= 0x80 && cp <= 0x9f) {
            return String.valueOf(WINDOWS_1252_HIGH.charAt((int) cp - 0x80));
        }
        if ((cp >= 0x1 && cp <= 0x8) || cp == 0xb || (cp >= 0xe && cp <= 0x1f) || cp == 0x7f
                || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) {
            return "";
        }
        return new String(Character.toChars((int) cp));
    }

    /**
     * Mojibake: text that was UTF-8, read as Latin-1 or Windows-1252 ({@code cafÃ©}), becomes what it was. Only when
     * every character re-encodes to one byte and the bytes are valid UTF-8 with a multi-byte sequence.
     */
    static String fixEncoding(String text) {
        while (!isAscii(text)) {
            String fixed = reDecode(text, false);
            if (fixed == null) {
                fixed = reDecode(text, true);
            }
            if (fixed == null || fixed.equals(text)) {
                return text;
            }
            text = fixed;
        }
        return text;
    }

    private static String reDecode(String text, boolean windows1252) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int b = singleByte(text.charAt(i), windows1252);
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) b;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The byte {@code c} stands for in Latin-1 or in Windows-1252 (undefined bytes as their C1 character); or -1. */
    private static int singleByte(char c, boolean windows1252) {
        if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) {
            return c;
        }
        if (!windows1252) {
            return c <= 0x9f ? c : -1;
        }
        int i = WINDOWS_1252_HIGH.indexOf(c);
        return i < 0 ? -1 : 0x80 + i;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** C1 control characters as the Windows-1252 characters they were meant to be, as browsers do. */
    private static String fixC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9f) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(WINDOWS_1252_HIGH.charAt(c - 0x80));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Half-width and full-width forms (U+FF01-FFEF) as NFKC has them, the ideographic space as a space. */
    private static String fixWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u3000') {
                out.append(' ');
            } else if (c >= 0xff01 && c <= 0xffef) {
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String map(String text, Map<Integer, String> table) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String replacement = table.get(cp);
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** A surrogate without its partner becomes U+FFFD (pairs are already one character in a Java string). */
    private static String fixSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return out.toString();
    }

    /** ASCII controls but tab, line feed, form feed and carriage return; BOM; deprecated and annotation formats. */
    private static String removeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isRemovedControl(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isRemovedControl(int cp) {
        return cp <= 0x08 || cp == 0x0b || (cp >= 0x0e && cp <= 0x1f) || cp == 0x7f || (cp >= 0x206a && cp <= 0x206f)
                || cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffc) || (cp >= 0x1d173 && cp <= 0x1d17a)
                || (cp >= 0xe0000 && cp <= 0xe007f);
    }

    /** Runs of whitespace (as Python's {@code str.isspace}: no-break spaces too) become one space; ends trimmed. */
    static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** ftfy's entity table (html5-entities.txt, made by scripts/html5-entities.py): name with its ';' to text. */
    private static Map<String, String> entities() {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = ClipTextCleaner.class.getResourceAsStream("html5-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("html5-entities.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                StringBuilder value = new StringBuilder();
                for (String hex : parts[1].split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                table.put(parts[0], value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(table);
    }
}
