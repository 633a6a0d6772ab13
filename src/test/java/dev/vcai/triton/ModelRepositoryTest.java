package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.analysis.ChangeType;
import dev.vcai.kserve.ModelRepository;
import dev.vcai.model.ModelFile;
import inference.ModelConfigOuterClass.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * triton-model-repo/ as Triton will read it: every config.pbtxt parses into the generated ModelConfig (a typo fails the
 * build), and the classifier's config matches the model file beside it. (That the file is byte for byte the model the
 * jar runs is ShippedModelTest's.)
 */
class ModelRepositoryTest {
    static final Path REPOSITORY = KServeFixture.REPOSITORY;

    @Test
    void everyConfigParsesWithTextFormat() throws Exception {
        List<Path> configs;
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            configs = files.filter(p -> p.getFileName().toString().equals("config.pbtxt")).sorted().toList();
        }
        assertEquals(5, configs.size(), "change_type, the vLLM entry and the three TensorRT-LLM entries: " + configs);
        for (Path config : configs) {
            ModelConfig parsed = ModelRepository.parse(config);
            assertEquals(config.getParent().getFileName().toString(), parsed.getName(), config + " names its directory");
            assertTrue(parsed.getInputCount() > 0 && parsed.getOutputCount() > 0, config + " declares its tensors");
        }
    }

    @Test
    void theClassifierConfigMatchesItsModelFile() throws Exception {
        ModelConfig config = ModelRepository.parse(REPOSITORY.resolve("change_type/config.pbtxt"));
        ModelFile file = ModelFile.read(Files.readAllBytes(REPOSITORY.resolve("change_type/1/model.onnx")));
        assertEquals("onnxruntime_onnx", config.getPlatform());
        assertEquals(file.inputName(), config.getInput(0).getName());
        assertEquals(List.of((long) file.vocabulary().size()), config.getInput(0).getDimsList());
        assertEquals(file.outputName(), config.getOutput(0).getName());
        assertEquals(List.of((long) file.labels().size()), config.getOutput(0).getDimsList());
        assertEquals(file.labels().stream().map(ChangeType::id).toList(),
                Files.readAllLines(REPOSITORY.resolve("change_type").resolve(config.getOutput(0).getLabelFilename())));
        assertTrue(config.getMaxBatchSize() >= 16);
        assertTrue(config.getDynamicBatching().getPreferredBatchSizeList().stream().allMatch(s -> s <= config.getMaxBatchSize()));
        assertTrue(config.getDynamicBatching().getMaxQueueDelayMicroseconds() > 0);
        assertTrue(config.getVersionPolicy().hasLatest());
        assertTrue(config.getInstanceGroupCount() > 0);
    }

    @Test
    void theLlmEntriesAreDecoupledAndSpeculative() throws Exception {
        ModelConfig vllm = ModelRepository.parse(REPOSITORY.resolve("commit_llm/config.pbtxt"));
        assertEquals("vllm", vllm.getBackend());
        assertTrue(vllm.getModelTransactionPolicy().getDecoupled());
        JsonObject engine = JsonParser.parseString(Files.readString(REPOSITORY.resolve("commit_llm/1/model.json"))).getAsJsonObject();
        assertEquals("awq", engine.get("quantization").getAsString());
        assertTrue(engine.getAsJsonObject("speculative_config").get("num_speculative_tokens").getAsInt() > 0);
        ModelConfig bls = ModelRepository.parse(REPOSITORY.resolve("commit_llm_bls/config.pbtxt"));
        String target = bls.getParametersOrThrow("tensorrt_llm_model_name").getStringValue();
        String draft = bls.getParametersOrThrow("tensorrt_llm_draft_model_name").getStringValue();
        assertEquals("tensorrtllm", ModelRepository.parse(REPOSITORY.resolve(target).resolve("config.pbtxt")).getBackend());
        assertEquals("tensorrtllm", ModelRepository.parse(REPOSITORY.resolve(draft).resolve("config.pbtxt")).getBackend());
        for (ModelConfig llm : List.of(vllm, bls)) {
            assertTrue(llm.getInputList().stream().anyMatch(i -> i.getName().equals("text_input")));
            assertTrue(llm.getOutputList().stream().anyMatch(o -> o.getName().equals("text_output")));
        }
    }
}
