package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;

/** A commit with the change type its author declared, for training and evaluation. */
public record LabelledCommit(String repository, CommitFacts facts, ChangeType label, boolean bot) {
}
