package dev.vcai.kserve;

import dev.vcai.triton.Tensors;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelConfigRequest;
import inference.GrpcService.ModelConfigResponse;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelReadyResponse;
import inference.GrpcService.ModelStreamInferResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerLiveResponse;
import inference.GrpcService.ServerMetadataRequest;
import inference.GrpcService.ServerMetadataResponse;
import inference.GrpcService.ServerReadyRequest;
import inference.GrpcService.ServerReadyResponse;
import inference.ModelConfigOuterClass.DataType;
import inference.ModelConfigOuterClass.ModelConfig;
import inference.ModelConfigOuterClass.ModelInput;
import inference.ModelConfigOuterClass.ModelOutput;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * KServe v2's GRPCInferenceService over a set of models, checking each request as Triton does and answering
 * violations with Triton's messages and status codes.
 */
final class InferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    /** A model, or the reason it could not be loaded (then it is listed but not ready, as in Triton). */
    record Slot(ModelConfig config, KServeModel model, String failure) {
    }

    private final Map<String, Slot> models;

    InferenceService(Map<String, Slot> models) {
        this.models = Map.copyOf(models);
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
        answer(response, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        answer(response, ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
        answer(response, ServerMetadataResponse.newBuilder().setName("vcai-kserve").setVersion("2").build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
        Slot slot = models.get(request.getName());
        answer(response, ModelReadyResponse.newBuilder().setReady(slot != null && slot.model() != null).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        try {
            ModelConfig config = ready(request.getName()).config();
            ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder().setName(config.getName())
                    .addVersions("1").setPlatform(config.getPlatform().isEmpty() ? config.getBackend() : config.getPlatform());
            List<Long> batch = config.getMaxBatchSize() > 0 ? List.of(-1L) : List.of();
            for (ModelInput input : config.getInputList()) {
                metadata.addInputs(tensor(input.getName(), input.getDataType(), batch, input.getDimsList()));
            }
            for (ModelOutput output : config.getOutputList()) {
                metadata.addOutputs(tensor(output.getName(), output.getDataType(), batch, output.getDimsList()));
            }
            answer(response, metadata.build());
        } catch (KServeError e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    private static ModelMetadataResponse.TensorMetadata tensor(String name, DataType type, List<Long> batch, List<Long> dims) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(name).setDatatype(Tensors.datatype(type))
                .addAllShape(batch).addAllShape(dims).build();
    }

    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
        Slot slot = models.get(request.getName());
        if (slot == null) {
            response.onError(unknown(request.getName()).status().asRuntimeException());
            return;
        }
        answer(response, ModelConfigResponse.newBuilder().setConfig(slot.config()).build());
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        try {
            KServeModel model = checked(request);
            if (model.config().getModelTransactionPolicy().getDecoupled()) {
                throw new KServeError(Status.Code.UNIMPLEMENTED,
                        "ModelInfer RPC doesn't support models with decoupled transaction policy");
            }
            List<ModelInferResponse> answers = new ArrayList<>(1);
            model.infer(request, r -> answers.add(r.setId(request.getId()).setModelName(request.getModelName()).setModelVersion("1").build()));
            answer(response, answers.get(0));
        } catch (KServeError e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    @Override
    public StreamObserver<inference.GrpcService.ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> stream) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ModelInferRequest request) {
                try {
                    KServeModel model = checked(request);
                    List<ModelInferResponse.Builder> pending = new ArrayList<>();
                    // Each response goes out when the next one exists, so the last can be marked final.
                    model.infer(request, r -> {
                        if (!pending.isEmpty()) {
                            send(request, pending.remove(0), false);
                        }
                        pending.add(r);
                    });
                    if (!pending.isEmpty()) {
                        send(request, pending.remove(0), true);
                    }
                } catch (KServeError e) {
                    synchronized (stream) {
                        stream.onNext(ModelStreamInferResponse.newBuilder().setErrorMessage(e.getMessage()).build());
                    }
                }
            }

            private void send(ModelInferRequest request, ModelInferResponse.Builder response, boolean last) {
                response.setId(request.getId()).setModelName(request.getModelName()).setModelVersion("1")
                        .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(last).build());
                if (io.grpc.Context.current().isCancelled()) {
                    return;  // The client gave up (its deadline); gRPC refuses messages on a cancelled call.
                }
                synchronized (stream) {
                    stream.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(response).build());
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client went away; there is no one left to answer.
            }

            @Override
            public void onCompleted() {
                synchronized (stream) {
                    stream.onCompleted();
                }
            }
        };
    }

    private static <T> void answer(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    private KServeError unknown(String name) {
        return new KServeError(Status.Code.NOT_FOUND, "Request for unknown model: '" + name + "' is not found");
    }

    private KServeModel ready(String name) throws KServeError {
        Slot slot = models.get(name);
        if (slot == null) {
            throw unknown(name);
        }
        if (slot.model() == null) {
            throw new KServeError(Status.Code.UNAVAILABLE, "Request for unknown model: '" + name + "' has no available versions");
        }
        return slot.model();
    }

    /** The model asked for, once the request passed Triton's checks of names, types, shapes and batch size. */
    private KServeModel checked(ModelInferRequest request) throws KServeError {
        KServeModel model = ready(request.getModelName());
        ModelConfig config = model.config();
        String name = config.getName();
        String id = "[request id: " + (request.getId().isEmpty() ? "<id_unknown>" : request.getId()) + "] ";
        Map<String, ModelInput> declared = config.getInputList().stream()
                .collect(Collectors.toMap(ModelInput::getName, i -> i));
        Set<String> given = request.getInputsList().stream().map(ModelInferRequest.InferInputTensor::getName).collect(Collectors.toSet());
        List<String> missing = declared.keySet().stream().filter(n -> !given.contains(n) && !declared.get(n).getOptional()).sorted().toList();
        for (ModelInferRequest.InferInputTensor input : request.getInputsList()) {
            if (!declared.containsKey(input.getName())) {
                throw invalid(id + "unexpected inference input '" + input.getName() + "' for model '" + name + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw invalid(id + "expected " + declared.size() + " inputs but got " + request.getInputsCount() + " inputs for model '"
                    + name + "'. Got input(s) " + quoted(given) + ", but missing required input(s) " + quoted(missing)
                    + ". Please provide all required input(s).");
        }
        if (request.getRawInputContentsCount() != request.getInputsCount()) {
            throw invalid(id + "expected " + request.getInputsCount() + " raw_input_contents but got " + request.getRawInputContentsCount()
                    + " for model '" + name + "'; vcai kserve reads tensor contents from raw_input_contents only");
        }
        long batch = -1;
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            ModelInput spec = declared.get(input.getName());
            String expectedType = Tensors.datatype(spec.getDataType());
            if (!input.getDatatype().equals(expectedType)) {
                throw invalid(id + "inference input '" + input.getName() + "' data-type is '" + input.getDatatype() + "', but model '"
                        + name + "' expects '" + expectedType + "'");
            }
            List<Long> shape = input.getShapeList();
            List<Long> dims = shape;
            if (config.getMaxBatchSize() > 0) {
                if (shape.isEmpty() || shape.get(0) < 1 || (batch >= 0 && shape.get(0) != batch)) {
                    throw invalid(id + "inference request batch-size must match for all inputs of model '" + name + "'");
                }
                batch = shape.get(0);
                if (batch > config.getMaxBatchSize()) {
                    throw invalid(id + "inference request batch-size must be <= " + config.getMaxBatchSize() + " for '" + name + "'");
                }
                dims = shape.subList(1, shape.size());
            }
            if (!matches(spec.getDimsList(), dims)) {
                List<Long> expected = new ArrayList<>(config.getMaxBatchSize() > 0 ? List.of(-1L) : List.of());
                expected.addAll(spec.getDimsList());
                throw invalid(id + "unexpected shape for input '" + input.getName() + "' for model '" + name + "'. Expected "
                        + dimsText(expected) + ", got " + dimsText(shape) + ". ");
            }
            int size = Tensors.elementSize(expectedType);
            if (size > 0) {
                long bytes = shape.stream().reduce(1L, (a, b) -> a * b) * size;
                if (request.getRawInputContents(i).size() != bytes) {
                    throw invalid(id + "input byte size mismatch for input '" + input.getName() + "' for model '" + name + "'. Expected "
                            + bytes + ", got " + request.getRawInputContents(i).size());
                }
            } else {
                try {
                    long elements = Tensors.bytes(request.getRawInputContents(i)).size();
                    if (elements != shape.stream().reduce(1L, (a, b) -> a * b)) {
                        throw invalid(id + "expected " + shape.stream().reduce(1L, (a, b) -> a * b) + " string elements for inference input '"
                                + input.getName() + "' for model '" + name + "', got " + elements);
                    }
                } catch (IllegalArgumentException e) {
                    throw invalid(id + "element byte size indicator exceeds the end of the buffer for input '" + input.getName()
                            + "' for model '" + name + "'");
                }
            }
        }
        Set<String> outputs = config.getOutputList().stream().map(ModelOutput::getName).collect(Collectors.toSet());
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!outputs.contains(output.getName())) {
                throw invalid(id + "unexpected inference output '" + output.getName() + "' for model '" + name + "'");
            }
        }
        return model;
    }

    private static boolean matches(List<Long> declared, List<Long> given) {
        if (declared.size() != given.size()) {
            return false;
        }
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) != -1 && !declared.get(i).equals(given.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String dimsText(List<Long> dims) {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quoted(java.util.Collection<String> names) {
        return names.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(",", "[", "]"));
    }

    private static KServeError invalid(String message) {
        return new KServeError(Status.Code.INVALID_ARGUMENT, message);
    }


    static Map<String, Slot> slots(List<Slot> slots) {
        Map<String, Slot> byName = new HashMap<>();
        slots.forEach(s -> byName.put(s.config().getName(), s));
        return byName;
    }
}
