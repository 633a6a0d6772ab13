package dev.vcai.report;

import dev.vcai.analysis.ChangeType;
import dev.vcai.model.CrossValidation;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.Trainer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The short model card written beside a trained model: data, features, settings and measured quality. */
public final class ModelCard {
    private ModelCard() {
    }

    public static String render(String sha256, int vocabulary, List<LabelledCommit> data, Trainer.Settings settings,
                                CrossValidation.Result crossValidation) {
        Map<String, Integer> repositories = new TreeMap<>();
        Map<String, Integer> types = new TreeMap<>();
        int bots = 0;
        for (LabelledCommit row : data) {
            repositories.merge(row.repository(), 1, Integer::sum);
            types.merge(row.label().id(), 1, Integer::sum);
            bots += row.bot() ? 1 : 0;
        }
        StringBuilder out = new StringBuilder("# Model card: vcai change-type classifier\n\n");
        out.append("- File: `model.onnx`, SHA-256 `").append(sha256).append("`\n");
        out.append("- Made by: `vcai train` (multinomial logistic regression, Tribuo SGD with AdaGrad, exported to ONNX)\n");
        out.append("- Input `input`: float[batch, ").append(vocabulary).append("] (the features named in the file's `vcai.features` metadata); ")
                .append("output `output`: float[batch, ").append(ChangeType.values().length).append("] probabilities in `vcai.labels` order\n");
        out.append("- Settings: ").append(settings).append("\n\n");
        out.append("## Data\n\n").append(data.size()).append(" labelled commits (").append(bots)
                .append(" by bots) from ").append(repositories.size()).append(" repositories; declared Conventional Commits types mapped to nine change types.\n\n");
        repositories.forEach((r, n) -> out.append("- ").append(r).append(": ").append(n).append('\n'));
        out.append("\nPer type: ");
        out.append(String.join(", ", types.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append("\n\n");
        out.append("## Features\n\nComputed by `dev.vcai.analysis.Features`, the same code at run time: subject words and word pairs with the ")
                .append("Conventional Commits prefix removed, body words, path words and extensions, the kinds of files changed ")
                .append("(source, test, docs, build, lockfile, CI, ...) as fractions, file statuses, size buckets, the subject's verb ")
                .append("with the kind of file holding most changed lines, the words of the added and deleted lines of the first ")
                .append("4,000 characters of the patch, and the shape of its hunks (added lines only, deleted lines only, or lines ")
                .append("changed in place; declarations added and deleted; conditions added). Only features seen in at least ")
                .append(settings.minCommits()).append(" commits of at least ").append(settings.minRepositories()).append(" repositories are kept.\n\n");
        out.append("Training weights: inverse type frequency to the power `balance`, divided by the square root of the number of ")
                .append("training commits sharing the subject's template (versions and package names blanked), so that repeated bot ")
                .append("commits do not dominate. The weights play no part at run time.\n\n");
        out.append(QUALITY).append("\n");
        if (crossValidation == null) {
            out.append("Not measured in this run; `vcai train --cross-validate` measures it.\n");
        } else {
            out.append("Leave-one-repository-out: each repository scored by a model trained on the others. vcai's answer ")
                    .append("(`dev.vcai.model.DeclaredHistory`) uses the repository's earlier commits: a commit whose subject template ")
                    .append("an earlier commit declared gets the type the team last declared for it; the model's probabilities for ")
                    .append("any other commit are weighed by the team's recent shares of each type against the training shares, and by ")
                    .append("how much more often the team declared each type with the words of the subject (naive Bayes over the words of ")
                    .append("its earlier declared subjects). A ")
                    .append("commit's own prefix is never read. The last two columns are the model alone.\n\n");
            out.append("| held-out repository | commits | accuracy | macro-F1 | human accuracy | human macro-F1 | model alone: accuracy | macro-F1 |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (CrossValidation.Fold fold : crossValidation.folds()) {
                out.append(row(fold.heldOut(), fold.scored(), "%.3f"));
            }
            out.append(row("**all folds pooled**", crossValidation.pooled(), "**%.3f**")).append('\n');
            out.append("```\n").append(EvaluationReport.text("Pooled over folds", crossValidation.pooled())).append("```\n");
        }
        out.append("\n## Limits\n\nThe labels are the teams' own declarations and are sometimes wrong. Security has very few examples. ")
                .append("The model reads only the start of a large patch.\n");
        return out.toString();
    }

    private static String row(String name, CrossValidation.Scored scored, String number) {
        String cells = String.join(" | ", Collections.nCopies(6, number));
        return String.format("| %s | %d | " + cells + " |%n", name, scored.all().commits(), scored.all().accuracy(), scored.all().macroF1(),
                scored.human().accuracy(), scored.human().macroF1(), scored.modelAloneAll().accuracy(), scored.modelAloneAll().macroF1());
    }

    private static final String QUALITY = "## Quality on repositories the model never saw\n";
    private static final String AFTER_QUALITY = "\n## Limits";

    /**
     * The card with a previous card's measured quality, when that card describes the same model bytes: training
     * again without --cross-validate gives the same model, whose measurement still stands.
     */
    public static String withQualityOf(String card, String previous, String sha256) {
        if (previous == null || !previous.contains("SHA-256 `" + sha256 + "`")) {
            return card;
        }
        int from = previous.indexOf(QUALITY);
        int to = from < 0 ? -1 : previous.indexOf(AFTER_QUALITY, from);
        int replaceFrom = card.indexOf(QUALITY);
        int replaceTo = replaceFrom < 0 ? -1 : card.indexOf(AFTER_QUALITY, replaceFrom);
        if (to < 0 || replaceTo < 0) {
            return card;
        }
        return card.substring(0, replaceFrom) + previous.substring(from, to) + card.substring(replaceTo);
    }
}
