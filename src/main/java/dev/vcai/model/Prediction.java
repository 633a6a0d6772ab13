package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import java.util.List;
import java.util.Map;

/**
 * The model's answer for one commit.
 *
 * @param drivers       the facts that most favoured {@code type} over {@code runnerUp}, strongest first
 * @param probabilities the model's probability of each type (empty when not known)
 * @param model         which model answered: the SHA-256 of its file and the backend that ran it
 */
public record Prediction(ChangeType type, double confidence, ChangeType runnerUp, double runnerUpConfidence,
                         List<Driver> drivers, Map<ChangeType, Double> probabilities, ModelIdentity model) {
    public Prediction {
        drivers = List.copyOf(drivers);
        probabilities = Map.copyOf(probabilities);
    }

    /**
     * @param backend  {@code embedded} (ONNX Runtime in-process) or {@code triton}: which one answered
     * @param fallback why the embedded model answered in place of Triton, or null when nothing failed over
     */
    public record ModelIdentity(String sha256, String backend, String fallback) {
        public ModelIdentity(String sha256, String backend) {
            this(sha256, backend, null);
        }

        /** This identity, marked as having answered because {@code reason} stopped the configured model. */
        public ModelIdentity fallingBackFrom(String reason) {
            return new ModelIdentity(sha256, backend, reason);
        }
    }
}
