package dev.vcai.kserve;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vcai.model.OnnxRuntimeLibraries;
import dev.vcai.triton.Tensors;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.ModelConfigOuterClass.DataType;
import inference.ModelConfigOuterClass.ModelConfig;
import inference.ModelConfigOuterClass.ModelInput;
import inference.ModelConfigOuterClass.ModelOutput;
import io.grpc.Status;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An {@code onnxruntime_onnx} model with FP32 inputs and outputs, run on the CPU by ONNX Runtime. */
final class OnnxModel implements KServeModel {
    private final ModelConfig config;
    private final OrtEnvironment environment = OnnxRuntimeLibraries.environment();
    private final OrtSession session;

    OnnxModel(ModelConfig config, Path file) throws OrtException {
        for (ModelInput input : config.getInputList()) {
            requireFp32(input.getDataType(), input.getName());
        }
        for (ModelOutput output : config.getOutputList()) {
            requireFp32(output.getDataType(), output.getName());
        }
        this.config = config;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            this.session = environment.createSession(file.toString(), options);
        }
    }

    private static void requireFp32(DataType type, String name) {
        if (type != DataType.TYPE_FP32) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + type + "; vcai kserve runs FP32 ONNX models only");
        }
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public void infer(ModelInferRequest request, Consumer<ModelInferResponse.Builder> responses) throws KServeError {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (int i = 0; i < request.getInputsCount(); i++) {
                ModelInferRequest.InferInputTensor input = request.getInputs(i);
                long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
                inputs.put(input.getName(), OnnxTensor.createTensor(environment,
                        FloatBuffer.wrap(Tensors.fp32(request.getRawInputContents(i))), shape));
            }
            ModelInferResponse.Builder response = ModelInferResponse.newBuilder();
            List<String> wanted = request.getOutputsCount() == 0
                    ? config.getOutputList().stream().map(ModelOutput::getName).toList()
                    : request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
            try (OrtSession.Result result = session.run(inputs, new java.util.HashSet<>(wanted))) {
                for (String name : wanted) {
                    OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
                    FloatBuffer values = tensor.getFloatBuffer();
                    float[] flat = new float[values.remaining()];
                    values.get(flat);
                    ModelInferResponse.InferOutputTensor.Builder output = ModelInferResponse.InferOutputTensor.newBuilder()
                            .setName(name).setDatatype("FP32");
                    for (long d : tensor.getInfo().getShape()) {
                        output.addShape(d);
                    }
                    response.addOutputs(output).addRawOutputContents(Tensors.fp32(flat));
                }
            }
            responses.accept(response);
        } catch (OrtException e) {
            throw new KServeError(Status.Code.INTERNAL, "onnx runtime error: " + e.getMessage());
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
