package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Leave-one-repository-out evaluation: for each repository, train on all the others and score on it, so every
 * figure is for a repository the model never saw (its own earlier declarations serve as its history, as they do at
 * run time).
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    public record Fold(String heldOut, Scored scored) {
    }

    public record Result(List<Fold> folds, Scored pooled) {
    }

    public static Result run(List<LabelledCommit> data, Set<String> heldOut, Trainer.Settings settings, Consumer<String> progress)
            throws ModelException {
        List<Fold> folds = new ArrayList<>();
        // Features of each row are computed once for the whole run, not again in every fold.
        FeatureCache cache = new FeatureCache(data);
        for (String repository : heldOut) {
            progress.accept("training without " + repository);
            List<LabelledCommit> train = data.stream().filter(r -> !r.repository().equals(repository)).toList();
            List<LabelledCommit> test = data.stream().filter(r -> r.repository().equals(repository)).toList();
            try (EmbeddedModel model = EmbeddedModel.of(Trainer.train(train, settings, "cross-validation fold " + repository, cache::get))) {
                folds.add(new Fold(repository, score(model, test, List.of())));
            }
        }
        return new Result(folds, Scored.pooled(folds.stream().map(Fold::scored).toList()));
    }

    /**
     * Predictions scored against declared types: vcai's own (the model, then the team's earlier declarations of the
     * same repository, see {@link DeclaredHistory}) and the model's alone.
     */
    public record Scored(List<ChangeType> declared, List<ChangeType> predicted, List<ChangeType> byModelAlone, List<Boolean> bot) {
        public Scored {
            declared = List.copyOf(declared);
            predicted = List.copyOf(predicted);
            byModelAlone = List.copyOf(byModelAlone);
            bot = List.copyOf(bot);
        }

        public Evaluation all() {
            return Evaluation.of(declared, predicted);
        }

        public Evaluation human() {
            return Evaluation.of(humanOnly(declared), humanOnly(predicted));
        }

        public Evaluation modelAloneAll() {
            return Evaluation.of(declared, byModelAlone);
        }

        public Evaluation modelAloneHuman() {
            return Evaluation.of(humanOnly(declared), humanOnly(byModelAlone));
        }

        private List<ChangeType> humanOnly(List<ChangeType> types) {
            List<ChangeType> human = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if (!bot.get(i)) {
                    human.add(types.get(i));
                }
            }
            return human;
        }

        static Scored pooled(List<Scored> parts) {
            List<ChangeType> declared = new ArrayList<>();
            List<ChangeType> predicted = new ArrayList<>();
            List<ChangeType> byModelAlone = new ArrayList<>();
            List<Boolean> bot = new ArrayList<>();
            for (Scored part : parts) {
                declared.addAll(part.declared());
                predicted.addAll(part.predicted());
                byModelAlone.addAll(part.byModelAlone());
                bot.addAll(part.bot());
            }
            return new Scored(declared, predicted, byModelAlone, bot);
        }
    }

    /**
     * Scores a model on the labelled commits of one repository, each commit with the commits before it as its history.
     *
     * @param subjectsBefore subject lines of the repository's commits before these, oldest first (the history lookback)
     */
    public static Scored score(ChangeTypeModel model, List<LabelledCommit> test, List<String> subjectsBefore) throws ModelException {
        List<CommitFacts> facts = test.stream().map(LabelledCommit::facts).toList();
        List<Prediction> byModel = model.classify(facts);
        List<Prediction> withHistory = new DeclaredHistory(model.labelShares(), subjectsBefore).apply(facts, byModel);
        return new Scored(test.stream().map(LabelledCommit::label).toList(), withHistory.stream().map(Prediction::type).toList(),
                byModel.stream().map(Prediction::type).toList(), test.stream().map(LabelledCommit::bot).toList());
    }
}
