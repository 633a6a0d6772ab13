package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import java.util.List;

/**
 * The model's answer for one commit.
 *
 * @param drivers the facts that most favoured {@code type} over {@code runnerUp}, strongest first
 * @param model   which model answered: the SHA-256 of its file and the backend that ran it
 */
public record Prediction(ChangeType type, double confidence, ChangeType runnerUp, double runnerUpConfidence,
                         List<Driver> drivers, ModelIdentity model) {
    public Prediction {
        drivers = List.copyOf(drivers);
    }

    /** @param backend {@code embedded} (ONNX Runtime in-process) or {@code triton}; {@code fallback} notes a failover */
    public record ModelIdentity(String sha256, String backend) {
    }
}
