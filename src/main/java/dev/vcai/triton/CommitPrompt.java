package dev.vcai.triton;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The prompt vcai sends an LLM about one commit: the message without its declared prefix (the model should judge the
 * change, not echo the label), the classifier's answer as a hint, and as much of the diff as the token budget allows,
 * keeping the hunks that change the most real lines.
 */
public final class CommitPrompt {
    /** A rough, tokenizer-free estimate that errs long for code (about 4 characters per token). */
    static final int CHARS_PER_TOKEN = 4;
    private static final Pattern LOW_VALUE = Pattern.compile(
            "(^|/)(package-lock\\.json|yarn\\.lock|pnpm-lock\\.yaml|go\\.sum|Cargo\\.lock|poetry\\.lock)$|\\.min\\.|(^|/)(vendor|generated|dist)/");

    private CommitPrompt() {
    }

    /** @param tokenBudget tokens the whole prompt may use; the diff gets what the rest leaves */
    public static String of(CommitFacts commit, ChangeType hint, double confidence, int tokenBudget) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("You review one git commit. Answer with one JSON object and nothing else:\n")
                .append("{\"change_type\": one of ").append(Arrays.stream(ChangeType.values()).map(ChangeType::id).toList())
                .append(", \"summary\": \"one paragraph: what changed and why\", \"risk_notes\": [\"short note\", ...]}\n")
                .append("A classifier says the change type is ").append(hint.id())
                .append(String.format(java.util.Locale.ROOT, " (confidence %.2f)", confidence))
                .append("; correct it if the diff says otherwise.\n\n")
                .append("Subject: ").append(commit.subjectWithoutPrefix()).append('\n');
        if (!commit.body().isBlank()) {
            prompt.append("Body:\n").append(commit.body().strip()).append('\n');
        }
        prompt.append("Files:\n");
        for (ChangedFile file : commit.files()) {
            prompt.append("  ").append(file.status()).append(' ').append(file.path())
                    .append(file.added() < 0 ? " (binary)" : " (+" + file.added() + " -" + file.deleted() + ")").append('\n');
        }
        int room = tokenBudget * CHARS_PER_TOKEN - prompt.length();
        List<Hunk> hunks = hunks(commit.patchSample());
        List<Hunk> kept = keep(hunks, room);
        prompt.append("Diff (").append(kept.size()).append(" of ").append(hunks.size()).append(" hunks):\n");
        String currentFile = null;
        for (Hunk hunk : kept) {
            if (!hunk.fileHeader().equals(currentFile)) {
                prompt.append(hunk.fileHeader());
                currentFile = hunk.fileHeader();
            }
            prompt.append(hunk.text());
        }
        return prompt.toString();
    }

    /** One {@code @@} hunk of a file's diff, with the file's header lines it needs to be read. */
    record Hunk(int position, String path, String fileHeader, String text) {
        /** Changed lines that carry content; lock files, minified and generated code count for little. */
        double score() {
            long changed = text.lines().filter(l -> (l.startsWith("+") || l.startsWith("-")) && !l.substring(1).isBlank()).count();
            return LOW_VALUE.matcher(path).find() ? changed * 0.05 : changed;
        }

        int size() {
            return fileHeader.length() + text.length();
        }
    }

    static List<Hunk> hunks(String patch) {
        List<Hunk> hunks = new ArrayList<>();
        String header = "";
        String path = "";
        StringBuilder hunk = null;
        for (String line : patch.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                if (hunk != null) {
                    hunks.add(new Hunk(hunks.size(), path, header, hunk.toString()));
                    hunk = null;
                }
                header = line + "\n";
                path = line.substring(line.lastIndexOf(" b/") + 3);
            } else if (line.startsWith("@@")) {
                if (hunk != null) {
                    hunks.add(new Hunk(hunks.size(), path, header, hunk.toString()));
                }
                hunk = new StringBuilder(line).append('\n');
            } else if (hunk != null) {
                hunk.append(line).append('\n');
            } else if (!line.isEmpty()) {
                header += line + "\n";
            }
        }
        if (hunk != null) {
            hunks.add(new Hunk(hunks.size(), path, header, hunk.toString()));
        }
        return hunks;
    }

    /** The best-scoring hunks that fit in {@code room} characters, back in the diff's order. */
    static List<Hunk> keep(List<Hunk> hunks, int room) {
        List<Hunk> byValue = new ArrayList<>(hunks);
        byValue.sort(Comparator.comparingDouble(Hunk::score).reversed().thenComparingInt(Hunk::position));
        List<Hunk> kept = new ArrayList<>();
        int used = 0;
        for (Hunk hunk : byValue) {
            if (used + hunk.size() <= room) {
                kept.add(hunk);
                used += hunk.size();
            }
        }
        return kept.stream().sorted(Comparator.comparingInt(Hunk::position)).collect(Collectors.toList());
    }
}
