package dev.vcai.triton;

import java.util.List;

/**
 * What vcai needs a Triton model to be, checked at start-up against ModelMetadata and ModelConfig.
 *
 * @param batched whether vcai sends a batch dimension (then the model's max_batch_size must be at least 1)
 */
public record ModelExpectation(String model, List<TensorSpec> inputs, List<TensorSpec> outputs, boolean batched) {
    public ModelExpectation {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
