package dev.vcai.triton;

import java.util.List;

/**
 * A tensor as a model declares it: KServe data type name ({@code FP32}, {@code BYTES}...) and shape without the batch
 * dimension ({@code -1} for a variable size).
 */
public record TensorSpec(String name, String datatype, List<Long> dims) {
    public TensorSpec {
        dims = List.copyOf(dims);
    }
}
