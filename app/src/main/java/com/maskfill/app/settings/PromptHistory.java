package com.maskfill.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.io.AtomicFiles;
import com.maskfill.app.project.JobSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompts queued last, each with the settings it ran with, most recent first; one entry per prompt text (using
 * a prompt again moves it to the top with its new settings), at most {@link #MAX_ENTRIES}. Kept in
 * {@value #FILE_NAME} in the user's settings folder only, readable by the user alone: prompts can be private, so
 * they are never logged, not even when the file cannot be read.
 *
 * <p>Safe to use from several threads: a save writes the entries as they are when it runs, so of two saves the
 * later one always leaves the latest entries on disk.
 */
public final class PromptHistory {

    public static final int MAX_ENTRIES = 50;
    public static final String FILE_NAME = "prompt-history.json";

    private static final System.Logger LOG = System.getLogger(PromptHistory.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final List<JobSettings> entries = new ArrayList<>();

    private PromptHistory(Path file, List<JobSettings> entries) {
        this.file = file;
        for (JobSettings entry : entries) {
            if (entry != null && entry.prompt() != null && !entry.prompt().isBlank()
                    && this.entries.stream().noneMatch(e -> samePrompt(e, entry.prompt()))
                    && this.entries.size() < MAX_ENTRIES) {
                this.entries.add(entry);
            }
        }
    }

    /**
     * The history saved in {@code settingsDirectory}; empty when there is none or the file is damaged (the editor
     * starts either way, and the next save replaces the damaged file).
     */
    public static PromptHistory load(Path settingsDirectory) {
        Path file = settingsDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new PromptHistory(file, List.of());
        }
        try {
            Stored stored = MAPPER.readValue(file.toFile(), Stored.class);
            return new PromptHistory(file, stored == null || stored.entries == null ? List.of() : stored.entries);
        } catch (JacksonException e) {
            // Not the parser's message: it quotes the text it stumbled on, which may be a private prompt.
            LOG.log(System.Logger.Level.WARNING, "Ignoring an unreadable prompt history in " + file.getParent());
            return new PromptHistory(file, List.of());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot read the prompt history in " + file.getParent()
                    + " (" + e.getClass().getSimpleName() + ")");
            return new PromptHistory(file, List.of());
        }
    }

    /** Puts a queued job's prompt and settings first; a blank prompt is not worth remembering. */
    public synchronized void record(JobSettings settings) {
        if (settings.prompt() == null || settings.prompt().isBlank()) {
            return;
        }
        entries.removeIf(e -> samePrompt(e, settings.prompt()));
        entries.add(0, settings);
        while (entries.size() > MAX_ENTRIES) {
            entries.remove(entries.size() - 1);
        }
    }

    /** Every entry, most recent first. */
    public synchronized List<JobSettings> entries() {
        return List.copyOf(entries);
    }

    /**
     * The entries whose prompt contains every word of {@code query}, in any order and case, most recent first;
     * all of them for a blank query.
     */
    public synchronized List<JobSettings> matching(String query) {
        String[] words = query == null ? new String[0] : query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        return entries.stream().filter(e -> {
            String prompt = e.prompt().toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (!prompt.contains(word)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** Writes the entries atomically, readable by the user alone. */
    public synchronized void save() throws IOException {
        Stored stored = new Stored();
        stored.entries = new ArrayList<>(entries);
        AtomicFiles.writePrivate(file, temp -> MAPPER.writeValue(temp.toFile(), stored));
    }

    /** The same prompt, told apart from another only by its text (surrounding spaces aside). */
    private static boolean samePrompt(JobSettings entry, String prompt) {
        return entry.prompt().strip().equals(prompt.strip());
    }

    /** The file's shape: an object, so later versions can add fields beside the entries. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Stored {
        public int version = 1;
        public List<JobSettings> entries = new ArrayList<>();
    }
}
