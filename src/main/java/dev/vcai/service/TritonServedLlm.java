package dev.vcai.service;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import dev.vcai.model.Prediction;
import dev.vcai.triton.LlmClient;
import dev.vcai.triton.LlmResult;
import dev.vcai.triton.TritonClient;
import dev.vcai.triton.TritonException;
import dev.vcai.triton.TritonSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Served LLMs through Triton: an experiment's model is asked for each evaluation commit's type the way
 * {@code vcai analyze --llm} asks (the production classifier's answer as the hint), and commit messages come from the
 * production LLM. One channel for the service's life.
 */
final class TritonServedLlm implements ServedLlm, AutoCloseable {
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);

    private final TritonClient client;
    private final Supplier<ChangeTypeModel> classifier;
    private final LlmClient messages;

    /**
     * @param classifier   the production change-type model, whose answer each prompt carries as a hint
     * @param messageModel the LLM on Triton that drafts commit messages
     */
    TritonServedLlm(TritonSettings settings, Supplier<ChangeTypeModel> classifier, String messageModel) throws TritonException {
        this.client = settings.client();
        this.classifier = classifier;
        // One client for every message request: it reads the LLM's metadata (which tensors it takes) once.
        this.messages = LlmClient.builder(client, messageModel).deadline(ANSWER_DEADLINE).build();
    }

    @Override
    public List<Answer> classify(ExperimentSpec.ServedLlm model, List<LabelledCommit> commits) throws Unavailable {
        try {
            // A server that is down or lacks the model fails the run with that reason; only answers are scored.
            client.metadata(model.servedModel());
        } catch (TritonException e) {
            throw new Unavailable("the served model " + model.servedModel() + " cannot be asked: " + e.getMessage());
        }
        List<CommitFacts> facts = commits.stream().map(LabelledCommit::facts).toList();
        List<Prediction> hints;
        try {
            hints = classifier.get().classify(facts);
        } catch (ModelException e) {
            throw new Unavailable("the production classifier, which gives the LLM its hint, failed: " + e.getMessage());
        }
        LlmClient llm = LlmClient.builder(client, model.servedModel()).deadline(ANSWER_DEADLINE).maxTokens(model.maxNewTokens()).build();
        List<Answer> answers = new ArrayList<>(commits.size());
        for (int i = 0; i < facts.size(); i++) {
            long start = System.nanoTime();
            LlmResult result = llm.review(facts.get(i), hints.get(i).type(), hints.get(i).confidence());
            double latencyMs = (System.nanoTime() - start) / 1e6;
            answers.add(result.ok() ? new Answer(result.answer().changeType().id(), null, latencyMs)
                    : new Answer(null, result.failure(), latencyMs));
        }
        return answers;
    }

    @Override
    public String generateMessage(String diff, String analysisSummary) throws Unavailable {
        String prompt = "Write the commit message for this diff: a Conventional Commits subject line of at most 72 "
                + "characters, a blank line, then a short body saying what changed and why. Answer with the message only.\n"
                + "An analysis of the change drafted: " + analysisSummary + "\n\nDiff:\n" + diff;
        try {
            String message = messages.generate(prompt).strip();
            if (message.isEmpty()) {
                throw new Unavailable("the LLM " + messages.model() + " answered with an empty message");
            }
            return message;
        } catch (TritonException e) {
            throw new Unavailable("the LLM " + messages.model() + " failed: " + e.getMessage());
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }
}
