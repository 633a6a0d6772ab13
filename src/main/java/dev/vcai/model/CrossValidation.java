package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Leave-one-repository-out evaluation: for each repository, train on all the others and score on it, so every
 * figure is for a repository the model never saw.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    public record Fold(String heldOut, Evaluation all, Evaluation human) {
    }

    public record Result(List<Fold> folds, Evaluation all, Evaluation human) {
    }

    public static Result run(List<LabelledCommit> data, Set<String> heldOut, Trainer.Settings settings, Consumer<String> progress)
            throws ModelException {
        List<Fold> folds = new ArrayList<>();
        List<ChangeType> declared = new ArrayList<>();
        List<ChangeType> predicted = new ArrayList<>();
        List<ChangeType> humanDeclared = new ArrayList<>();
        List<ChangeType> humanPredicted = new ArrayList<>();
        // Features of each row are computed once for the whole run, not again in every fold.
        FeatureCache cache = new FeatureCache(data);
        for (String repository : heldOut) {
            progress.accept("training without " + repository);
            List<LabelledCommit> train = data.stream().filter(r -> !r.repository().equals(repository)).toList();
            List<LabelledCommit> test = data.stream().filter(r -> r.repository().equals(repository)).toList();
            try (EmbeddedModel model = EmbeddedModel.of(Trainer.train(train, settings, "cross-validation fold " + repository, cache::get))) {
                Scored scored = score(model, test);
                folds.add(new Fold(repository, scored.all(), scored.human()));
                declared.addAll(scored.declared());
                predicted.addAll(scored.predicted());
                for (int i = 0; i < test.size(); i++) {
                    if (!test.get(i).bot()) {
                        humanDeclared.add(scored.declared().get(i));
                        humanPredicted.add(scored.predicted().get(i));
                    }
                }
            }
        }
        return new Result(folds, Evaluation.of(declared, predicted), Evaluation.of(humanDeclared, humanPredicted));
    }

    /** The predictions of a model on labelled commits, scored overall and for human commits alone. */
    public record Scored(List<ChangeType> declared, List<ChangeType> predicted, Evaluation all, Evaluation human) {
    }

    public static Scored score(ChangeTypeModel model, List<LabelledCommit> test) throws ModelException {
        List<Prediction> predictions = model.classify(test.stream().map(LabelledCommit::facts).toList());
        List<ChangeType> declared = new ArrayList<>();
        List<ChangeType> predicted = new ArrayList<>();
        List<ChangeType> humanDeclared = new ArrayList<>();
        List<ChangeType> humanPredicted = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            declared.add(test.get(i).label());
            predicted.add(predictions.get(i).type());
            if (!test.get(i).bot()) {
                humanDeclared.add(test.get(i).label());
                humanPredicted.add(predictions.get(i).type());
            }
        }
        return new Scored(declared, predicted, Evaluation.of(declared, predicted), Evaluation.of(humanDeclared, humanPredicted));
    }
}
