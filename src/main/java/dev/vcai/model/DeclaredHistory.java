package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.ConventionalCommit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
 * {@code chore:}, another's {@code build:}. So:
 * <ul>
 * <li>a commit whose subject template (see {@link #template}) an earlier commit of the same repository declared gets
 * that type, the most recent declaration winning;</li>
 * <li>for every other commit the model's probabilities are weighed by how often the team declared each type in its
 * last {@value #RECENT} declared commits against how often the training commits did (the square root of the ratio,
 * smoothed by {@value #SMOOTHING} commits of the training shares): a team that files most small changes under
 * {@code chore} gets chore where the model hesitates.</li>
 * </ul>
 * A commit's own declared prefix is never read for its own type: it is added to the history only after its type is
 * decided, so this works, and is evaluated, as the model alone is. A team that declares nothing leaves the model's
 * answers as they are.
 *
 * <p>Leave-one-repository-out over {@code shared/datasets}, each repository's earlier commits as its history: see
 * the model card for the accuracy with and without it.
 */
public final class DeclaredHistory {
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PACKAGE_LIKE = Pattern.compile(".*[/@._:-].*");
    private static final Set<String> BEFORE_NAME = Set.of("bump", "dependency", "dependencies", "module", "image",
            "action", "package", "update", "upgrade");

    static final int RECENT = 500;
    static final int SMOOTHING = 20;

    private final Map<String, Declarations> byTemplate = new HashMap<>();
    private final Map<ChangeType, Double> trainingShares;
    private final Deque<ChangeType> recent = new ArrayDeque<>();
    private final Map<ChangeType, Integer> recentCounts = new EnumMap<>(ChangeType.class);

    /**
     * @param trainingShares each type's share of the model's training commits ({@link ChangeTypeModel#labelShares()})
     * @param subjectsBefore subject lines of the commits before those to {@link #apply} it to, oldest first
     */
    public DeclaredHistory(Map<ChangeType, Double> trainingShares, List<String> subjectsBefore) {
        this.trainingShares = Map.copyOf(trainingShares);
        subjectsBefore.forEach(this::add);
    }

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
    void add(String subject) {
        ConventionalCommit.parse(subject).ifPresent(declared -> declared.changeType().ifPresent(type -> add(template(declared.description()), type)));
    }

    private void add(String template, ChangeType type) {
        Declarations declarations = byTemplate.computeIfAbsent(template, t -> new Declarations());
        declarations.counts.merge(type, 1, Integer::sum);
        declarations.total++;
        declarations.latest = type;
        recent.addLast(type);
        recentCounts.merge(type, 1, Integer::sum);
        if (recent.size() > RECENT) {
            recentCounts.merge(recent.removeFirst(), -1, Integer::sum);
        }
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
            String template = template(commit.subjectWithoutPrefix());
            applied.set(i, decided(template, predictions.get(i)));
            if (commit.declared() != null) {
                commit.declared().changeType().ifPresent(type -> add(template, type));
            }
        }
        return applied;
    }

    /**
     * The type the team last declared for a template it declared before (its confidence: the share of the template's
     * commits declared so; the model's type becomes the runner-up), else the model's prediction weighed by the team's
     * shares.
     */
    private Prediction decided(String template, Prediction predicted) {
        Declarations declarations = byTemplate.get(template);
        if (declarations == null) {
            return weighed(predicted);
        }
        if (declarations.latest == predicted.type()) {
            return predicted;
        }
        ChangeType type = declarations.latest;
        int agreeing = declarations.counts.get(type);
        return new Prediction(type, (double) agreeing / declarations.total, predicted.type(), predicted.confidence(),
                List.of(new Driver("team:" + template.strip(), agreeing)), predicted.probabilities(), predicted.model());
    }

    /**
     * The model's probabilities weighed by the team's recent shares against the training shares; the prediction
     * itself when that changes nothing or is not known. A changed answer's confidence is its weighed probability
     * (normalised), the model's type becomes the runner-up, and its one driver is the team's share of the type.
     */
    private Prediction weighed(Prediction predicted) {
        if (recent.isEmpty() || trainingShares.isEmpty() || predicted.probabilities().isEmpty()) {
            return predicted;
        }
        Map<ChangeType, Double> weighed = new EnumMap<>(ChangeType.class);
        double total = 0;
        for (Map.Entry<ChangeType, Double> p : predicted.probabilities().entrySet()) {
            double training = trainingShares.getOrDefault(p.getKey(), 0.0);
            double weight = training <= 0 ? 1
                    : Math.sqrt((recentCounts.getOrDefault(p.getKey(), 0) + SMOOTHING * training) / (recent.size() + SMOOTHING) / training);
            weighed.put(p.getKey(), p.getValue() * weight);
            total += p.getValue() * weight;
        }
        ChangeType best = predicted.type();
        for (Map.Entry<ChangeType, Double> w : weighed.entrySet()) {
            if (w.getValue() > weighed.get(best)) {
                best = w.getKey();
            }
        }
        if (best == predicted.type()) {
            return predicted;
        }
        long percent = Math.round(100.0 * recentCounts.getOrDefault(best, 0) / recent.size());
        return new Prediction(best, weighed.get(best) / total, predicted.type(), weighed.get(predicted.type()) / total,
                List.of(new Driver("teamshare:" + best.id() + ":" + percent, percent)), predicted.probabilities(), predicted.model());
    }
}
