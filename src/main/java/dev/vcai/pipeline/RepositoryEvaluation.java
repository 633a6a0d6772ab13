package dev.vcai.pipeline;

import dev.vcai.analysis.Authors;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.git.LogQuery;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.CrossValidation;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Scores a model on any repository whose commits declare Conventional Commits types: the declared type, mapped to
 * the nine types, is the label; the model sees the commit with the prefix removed, as always.
 *
 * @param commits  commits read
 * @param labelled commits whose declared type maps to one of the nine types (merges are left out, as in training)
 */
public record RepositoryEvaluation(int commits, int labelled, CrossValidation.Scored scored) {

    public static RepositoryEvaluation run(Repository repository, LogQuery query, ChangeTypeModel model,
                                           Analyzer.Progress progress) throws GitError, ModelException {
        // Read as vcai analyze reads a range, history lookback included: the score is of what analyze would report.
        Analyzer.Range range = Analyzer.read(repository, query, DiffLimits.DEFAULT, null, progress);
        List<LabelledCommit> labelled = new ArrayList<>();
        for (CommitFacts commit : range.facts()) {
            Optional<ChangeType> label = commit.declared() == null ? Optional.empty() : commit.declared().changeType();
            if (label.isPresent() && !commit.isMerge()) {
                labelled.add(new LabelledCommit(repository.getDirectory().getPath(), commit, label.get(),
                        Authors.isBot(commit.authorName(), commit.authorEmail())));
            }
        }
        if (labelled.isEmpty()) {
            throw new GitError(GitError.Kind.EMPTY_RANGE, "none of the " + range.facts().size()
                    + " commits declares a Conventional Commits type (feat:, fix:, docs: ...); there is nothing to score against");
        }
        progress.update("classifying", 0, labelled.size());
        return new RepositoryEvaluation(range.facts().size(), labelled.size(), CrossValidation.score(model, labelled, range.subjectsBefore()));
    }
}
