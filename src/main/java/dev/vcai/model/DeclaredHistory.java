package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.ConventionalCommit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What a team declared for commits like this one before. Teams repeat themselves ("update dependency x to v1.2.3",
 * "release v2.0.1", "fix typo") and file those repeats under their own convention: one team's dependency bump is
 * {@code chore:}, another's {@code build:}. A commit whose subject template (see {@link #template}) an earlier
 * commit of the same repository declared gets that type, the most recent declaration winning; the model answers
 * every other commit. A commit's own declared prefix is never read for its own type: it is added to the history
 * only after its type is decided, so this works, and is evaluated, as the model alone is.
 *
 * <p>Leave-one-repository-out over {@code shared/datasets}, each repository's earlier commits as its history:
 * accuracy 0.670 to 0.738 (see the model card).
 */
public final class DeclaredHistory {
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PACKAGE_LIKE = Pattern.compile(".*[/@._:-].*");
    private static final Set<String> BEFORE_NAME = Set.of("bump", "dependency", "dependencies", "module", "image",
            "action", "package", "update", "upgrade");

    private final Map<String, Declarations> byTemplate = new HashMap<>();

    /** The declarations of one template: how many of each type, and the most recent. */
    private static final class Declarations {
        final Map<ChangeType, Integer> counts = new EnumMap<>(ChangeType.class);
        int total;
        ChangeType latest;
    }

    /**
     * A subject (its prefix removed) reduced to its template: lower case, words holding a digit (versions, issue
     * numbers) become "#", package-like words (with / @ . _ : -) and the word after "bump", "update",
     * "dependency"... become "*".
     */
    public static String template(String subject) {
        StringBuilder template = new StringBuilder();
        boolean name = false;
        for (String word : SPACE.split(subject.toLowerCase(Locale.ROOT).strip())) {
            if (word.chars().anyMatch(Character::isDigit)) {
                template.append('#');
            } else if (name || PACKAGE_LIKE.matcher(word).matches()) {
                template.append('*');
            } else {
                template.append(word);
            }
            template.append(' ');
            name = BEFORE_NAME.contains(word);
        }
        return template.toString();
    }

    /** Adds an earlier commit by its subject line; one that declares no mapped type adds nothing. */
    public void add(String subject) {
        ConventionalCommit.parse(subject).ifPresent(declared -> declared.changeType().ifPresent(type -> add(declared.description(), type)));
    }

    private void add(String subjectWithoutPrefix, ChangeType type) {
        Declarations declarations = byTemplate.computeIfAbsent(template(subjectWithoutPrefix), t -> new Declarations());
        declarations.counts.merge(type, 1, Integer::sum);
        declarations.total++;
        declarations.latest = type;
    }

    /**
     * The predictions of these commits with the history applied, and the commits added to the history: commit by
     * commit, oldest (by author time) first, so that each sees only the commits before it. Commits of the same time,
     * or without one (facts sent to the service may have none), go in reverse list order, as git log lists them.
     */
    public List<Prediction> apply(List<CommitFacts> commits, List<Prediction> predictions) {
        List<Prediction> applied = new ArrayList<>(predictions);
        int[] oldestFirst = IntStream.range(0, commits.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> commits.get(i).authorTime(), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(i -> -i))
                .mapToInt(Integer::intValue).toArray();
        for (int i : oldestFirst) {
            CommitFacts commit = commits.get(i);
            applied.set(i, recall(commit.subjectWithoutPrefix(), predictions.get(i)));
            if (commit.declared() != null) {
                commit.declared().changeType().ifPresent(type -> add(commit.subjectWithoutPrefix(), type));
            }
        }
        return applied;
    }

    /**
     * The type the team last declared for this template when it differs from the model's (its confidence: the share of
     * the template's commits declared so; the model's type becomes the runner-up), else the model's prediction.
     */
    Prediction recall(String subjectWithoutPrefix, Prediction predicted) {
        String template = template(subjectWithoutPrefix);
        Declarations declarations = byTemplate.get(template);
        if (declarations == null || declarations.latest == predicted.type()) {
            return predicted;
        }
        ChangeType type = declarations.latest;
        int agreeing = declarations.counts.get(type);
        return new Prediction(type, (double) agreeing / declarations.total, predicted.type(), predicted.confidence(),
                List.of(new Driver("team:" + template.strip(), agreeing)), predicted.model());
    }
}
