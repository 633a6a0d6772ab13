package dev.vcai.analysis;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Conventional Commits header ({@code type(scope)!: description}) and the rule that maps its declared type
 * to a {@link ChangeType}, as {@code shared/datasets/README.md} defines it. Training, evaluation and the
 * declared-versus-predicted check all use this one rule.
 */
public record ConventionalCommit(String type, String scope, boolean breaking, String description) {
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z][\\w-]*)(?:\\(([^)]*)\\))?(!)?:\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SECURITY_FIX = Pattern.compile(
            "\\bCVE-\\d{4}-\\d+|\\bGHSA(-[23456789cfghjmpqrvwx]{4}){3}\\b|\\bsecurity\\b|\\bvulnerab", Pattern.CASE_INSENSITIVE);
    private static final Set<String> DEPENDENCY_SCOPES = Set.of("deps", "deps-dev", "dependencies");

    /** Parses the subject line; empty when it does not follow the convention. */
    public static Optional<ConventionalCommit> parse(String subject) {
        Matcher m = HEADER.matcher(subject.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConventionalCommit(m.group(1), m.group(2), m.group(3) != null, m.group(4)));
    }

    /** The subject as a team that does not use the convention would have written it: the prefix removed. */
    public static String stripPrefix(String subject) {
        return parse(subject).map(ConventionalCommit::description).orElse(subject.strip());
    }

    /** The change type the declared prefix stands for; empty for types outside the mapping (wip, types, ...). */
    public Optional<ChangeType> changeType() {
        return mapped(type, scope, description);
    }

    /** The mapping itself, also used for the dataset's already-parsed type and scope. */
    public static Optional<ChangeType> mapped(String type, String scope, String subject) {
        if (type == null) {
            return Optional.empty();
        }
        String declared = type.toLowerCase(Locale.ROOT);
        if (scope != null && DEPENDENCY_SCOPES.contains(scope.toLowerCase(Locale.ROOT).strip())) {
            return Optional.of(ChangeType.BUILD);
        }
        return Optional.ofNullable(switch (declared) {
            case "feat", "feature", "enhance" -> ChangeType.FEATURE;
            case "fix", "bugfix", "hotfix" -> subject != null && SECURITY_FIX.matcher(subject).find() ? ChangeType.SECURITY : ChangeType.BUG_FIX;
            case "refactor", "clean", "cleanup" -> ChangeType.REFACTOR;
            case "perf" -> ChangeType.PERFORMANCE;
            case "sec", "security" -> ChangeType.SECURITY;
            case "docs", "doc" -> ChangeType.DOCUMENTATION;
            case "test", "tests" -> ChangeType.TEST;
            case "build", "ci", "deps", "bump", "workflow" -> ChangeType.BUILD;
            case "chore", "style", "revert", "release" -> ChangeType.CHORE;
            default -> null;
        });
    }
}
