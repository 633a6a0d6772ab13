package dev.vcai.service;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.pipeline.CommitAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A commit message drafted without an LLM, from the analysis alone: a Conventional Commits type from the predicted
 * change type, a scope when all paths share one component, a subject saying what happened to which files, and a body
 * listing the files with their line counts.
 */
record MessageDraft(String type, String scope, String message) {
    /** Leading path components that name a layout, not a component ({@code src/}, {@code packages/}...). */
    private static final Set<String> CONTAINERS = Set.of("src", "lib", "packages", "apps", "crates", "pkg", "internal", "cmd",
            "modules", "main", "java", "app");
    private static final int LISTED = 10;

    static MessageDraft of(CommitAnalysis analysis) {
        String type = conventionalType(analysis.prediction().type());
        List<ChangedFile> files = analysis.facts().files();
        String scope = scope(files);
        String subject = type + (scope == null ? "" : "(" + scope + ")") + ": " + summary(files);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, files.size()); i++) {
            ChangedFile f = files.get(i);
            body.append("- ").append(verb(f.status())).append(' ').append(f.path());
            if (f.added() >= 0) {
                body.append(" (+").append(f.added()).append(" -").append(f.deleted()).append(')');
            }
            body.append('\n');
        }
        if (files.size() > LISTED) {
            body.append("- and ").append(files.size() - LISTED).append(" more files\n");
        }
        return new MessageDraft(type, scope, subject + "\n\n" + body);
    }

    static String conventionalType(ChangeType type) {
        return switch (type) {
            case FEATURE -> "feat";
            case BUG_FIX, SECURITY -> "fix";
            case REFACTOR -> "refactor";
            case PERFORMANCE -> "perf";
            case DOCUMENTATION -> "docs";
            case TEST -> "test";
            case BUILD -> "build";
            case CHORE -> "chore";
        };
    }

    /** The first path component that is not a layout directory, when every file shares it. */
    static String scope(List<ChangedFile> files) {
        Set<String> scopes = new LinkedHashSet<>();
        for (ChangedFile file : files) {
            String[] parts = file.path().split("/");
            String component = null;
            for (int i = 0; i < parts.length - 1; i++) {
                if (!CONTAINERS.contains(parts[i])) {
                    component = parts[i];
                    break;
                }
            }
            scopes.add(component);
        }
        return scopes.size() == 1 ? scopes.iterator().next() : null;
    }

    private static String summary(List<ChangedFile> files) {
        Set<Character> statuses = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (ChangedFile file : files) {
            statuses.add(file.status());
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        String verb = statuses.size() == 1 ? verb(statuses.iterator().next()) : "update";
        String listed = names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 2)) + " and " + (names.size() - 2) + " more files";
        return verb + " " + listed;
    }

    private static String verb(char status) {
        return switch (status) {
            case 'A' -> "add";
            case 'D' -> "remove";
            case 'R' -> "rename";
            default -> "update";
        };
    }
}
