package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.ConventionalCommit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What a team declared for commits like this one before. Teams repeat themselves ("update dependency x to v1.2.3",
 * "release v2.0.1", "fix typo") and file those repeats under their own convention: one team's dependency bump is
 * {@code chore:}, another's {@code build:}. So:
 * <ul>
 * <li>a commit whose subject template (see {@link #template}) an earlier commit of the same repository declared gets
 * that type, the most recent declaration winning;</li>
 * <li>for every other commit the model's probabilities are weighed by two things the team's earlier declarations
 * tell, and the best weighed type wins:
 * <ul>
 * <li>how often the team declared each type in its last {@value #RECENT} declared commits against how often the
 * training commits did (the square root of the ratio, smoothed by {@value #SMOOTHING} commits of the training
 * shares): a team that files most small changes under {@code chore} gets chore where the model hesitates;</li>
 * <li>the words of the subject: for each word an earlier declared subject used, how much more often the team
 * declared each type with it than without (naive Bayes over word presence, each type's rate smoothed towards the
 * word's overall rate by {@value #WORD_SMOOTHING} commits, raised to {@value #WORD_WEIGHT}): a team whose
 * "flaky" commits are {@code test:} gets test for the next one.</li>
 * </ul></li>
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

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]+");
    private static final ChangeType[] TYPES = ChangeType.values();

    static final int RECENT = 500;
    static final int SMOOTHING = 20;
    static final double WORD_SMOOTHING = 10;
    static final double WORD_WEIGHT = 0.2;

    private final Map<String, Declarations> byTemplate = new HashMap<>();
    private final Map<ChangeType, Double> trainingShares;
    private final Deque<ChangeType> recent = new ArrayDeque<>();
    private final Map<ChangeType, Integer> recentCounts = new EnumMap<>(ChangeType.class);
    /** Per word of the earlier declared subjects: how many declared each type (by ordinal), then how many in all. */
    private final Map<String, int[]> byWord = new HashMap<>();
    private final int[] declaredCounts = new int[TYPES.length];
    private int declared;

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

    /** The distinct words of a subject (its prefix removed): lower case, ASCII letters then letters or digits. */
    static Set<String> words(String subject) {
        Set<String> words = new LinkedHashSet<>();
        Matcher word = WORD.matcher(subject.toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** Adds an earlier commit by its subject line; one that declares no mapped type adds nothing. */
    void add(String subject) {
        ConventionalCommit.parse(subject).ifPresent(declared -> declared.changeType()
                .ifPresent(type -> add(template(declared.description()), words(declared.description()), type)));
    }

    private void add(String template, Set<String> words, ChangeType type) {
        for (String word : words) {
            int[] counts = byWord.computeIfAbsent(word, w -> new int[TYPES.length + 1]);
            counts[type.ordinal()]++;
            counts[TYPES.length]++;
        }
        declaredCounts[type.ordinal()]++;
        declared++;
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
            Set<String> words = words(commit.subjectWithoutPrefix());
            applied.set(i, decided(template, words, predictions.get(i)));
            if (commit.declared() != null) {
                commit.declared().changeType().ifPresent(type -> add(template, words, type));
            }
        }
        return applied;
    }

    /**
     * The type the team last declared for a template it declared before (its confidence: the share of the template's
     * commits declared so; the model's type becomes the runner-up), else the model's prediction weighed by the team's
     * shares and words.
     */
    private Prediction decided(String template, Set<String> words, Prediction predicted) {
        Declarations declarations = byTemplate.get(template);
        if (declarations == null) {
            return weighed(words, predicted);
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
     * The model's probabilities weighed by the team's recent shares and by its words; the prediction itself when
     * that changes nothing or is not known. A changed answer's confidence is its weighed probability (normalised), the
     * model's type becomes the runner-up, and its drivers are what moved the answer from the model's type: the team's
     * share of the type, the word that favoured it most.
     */
    private Prediction weighed(Set<String> words, Prediction predicted) {
        if (recent.isEmpty() || trainingShares.isEmpty() || predicted.probabilities().isEmpty()) {
            return predicted;
        }
        double[] shareTerms = new double[TYPES.length];
        double[] scores = new double[TYPES.length];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (Map.Entry<ChangeType, Double> p : predicted.probabilities().entrySet()) {
            int t = p.getKey().ordinal();
            double training = trainingShares.getOrDefault(p.getKey(), 0.0);
            shareTerms[t] = training <= 0 ? 0
                    : 0.5 * Math.log((recentCounts.getOrDefault(p.getKey(), 0) + SMOOTHING * training) / (recent.size() + SMOOTHING) / training);
            scores[t] = Math.log(Math.max(p.getValue(), Double.MIN_NORMAL)) + shareTerms[t];
            for (String word : words) {
                scores[t] += wordTerm(word, t);
            }
        }
        int best = predicted.type().ordinal();
        for (int t = 0; t < TYPES.length; t++) {
            if (scores[t] > scores[best]) {
                best = t;
            }
        }
        int model = predicted.type().ordinal();
        if (best == model) {
            return predicted;
        }
        double total = 0;
        for (double score : scores) {
            total += Math.exp(score - scores[best]);
        }
        ChangeType type = TYPES[best];
        List<Driver> drivers = new ArrayList<>(2);
        if (shareTerms[best] > shareTerms[model]) {
            long percent = Math.round(100.0 * recentCounts.getOrDefault(type, 0) / recent.size());
            drivers.add(new Driver("teamshare:" + type.id() + ":" + percent, shareTerms[best] - shareTerms[model]));
        }
        String strongest = null;
        double strongestGain = 0;
        for (String word : words) {
            double gain = wordTerm(word, best) - wordTerm(word, model);
            if (gain > strongestGain) {
                strongest = word;
                strongestGain = gain;
            }
        }
        if (strongest != null) {
            drivers.add(new Driver("teamword:" + type.id() + ":" + strongest, strongestGain));
        }
        drivers.sort(Comparator.comparingDouble(Driver::weight).reversed());
        return new Prediction(type, 1 / total, predicted.type(), Math.exp(scores[model] - scores[best]) / total, drivers,
                predicted.probabilities(), predicted.model());
    }

    /** How much an earlier declared word favours type t: the log of its rate among t's commits over its overall rate, weighted. */
    private double wordTerm(String word, int t) {
        int[] counts = byWord.get(word);
        if (counts == null) {
            return 0;
        }
        double overall = (counts[TYPES.length] + 0.5) / (declared + 1);
        double withType = (counts[t] + WORD_SMOOTHING * overall) / (declaredCounts[t] + WORD_SMOOTHING);
        return WORD_WEIGHT * Math.log(withType / overall);
    }
}
