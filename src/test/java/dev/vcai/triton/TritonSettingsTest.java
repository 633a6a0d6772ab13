package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.hooks.HookSettings;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where vcai learns of a Triton endpoint: the option, $VCAI_TRITON_URL, and for the hooks git config vcai.triton. */
class TritonSettingsTest {
    @Test
    void theOptionWinsOverTheEnvironmentAndGrpcsMeansTls() {
        assertNull(TritonSettings.of(null, Map.of()));
        TritonSettings fromEnvironment = TritonSettings.of(null, Map.of("VCAI_TRITON_URL", "grpcs://triton.internal:8001/",
                "VCAI_TRITON_TOKEN", "s3cret"));
        assertEquals("triton.internal:8001", fromEnvironment.target());
        assertTrue(fromEnvironment.tls());
        assertEquals("s3cret", fromEnvironment.bearerToken());
        assertFalse(fromEnvironment.failClosed());
        TritonSettings option = TritonSettings.of("localhost:9001", Map.of("VCAI_TRITON_URL", "elsewhere:8001"));
        assertEquals("localhost:9001", option.target());
        assertFalse(option.tls());
        assertEquals("change_type", option.model());
    }

    @Test
    void hooksReadVcaiTritonAndKeepTheCallsInsideTheTimeBudget(@TempDir Path tmp) throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("server"), "--bare");
        repo.git("config", "vcai.triton", "triton.internal:8001");
        repo.git("config", "vcai.timeBudget", "3000");
        repo.git("config", "vcai.tritonFailClosed", "true");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.dir().toFile()).build()) {
            HookSettings settings = HookSettings.of(repository, Map.of());
            assertEquals("triton.internal:8001", settings.triton().target());
            assertEquals(Duration.ofMillis(1500), settings.triton().deadline());
            assertTrue(settings.triton().failClosed());
        }
        repo.git("config", "--unset", "vcai.triton");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.dir().toFile()).build()) {
            assertNull(HookSettings.of(repository, Map.of()).triton());
            assertEquals("env:8001", HookSettings.of(repository, Map.of("VCAI_TRITON_URL", "env:8001")).triton().target());
        }
    }
}
