package dev.vcai.hooks;

import dev.vcai.policy.Policy;
import dev.vcai.triton.TritonSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * How the hooks behave in one repository, from git config ({@code vcai.*}) and the environment.
 *
 * <ul>
 *   <li>{@code vcai.failClosed} (default false): refuse the push when vcai itself fails or runs out of time;</li>
 *   <li>{@code vcai.timeBudget} (milliseconds, default 4000): the whole hook's budget, JVM start included;</li>
 *   <li>policy: the server-wide file ({@code $VCAI_POLICY}, else {@code /etc/vcai/policy.yaml} when present), then the
 *       repository's own ({@code vcai.policy}, else {@code vcai-policy.yaml} in the git directory when present), each
 *       replacing the keys it gives;</li>
 *   <li>{@code vcai.triton} ({@code host:port}, else {@code $VCAI_TRITON_URL}): classify on Triton, the embedded model
 *       answering when it fails unless {@code vcai.tritonFailClosed}; each call's deadline is half the time budget, at
 *       most 5 s, so a slow Triton still leaves the fallback time inside the budget.</li>
 * </ul>
 *
 * @param triton null when no Triton is configured
 */
public record HookSettings(boolean failClosed, Duration timeBudget, List<Path> policyFiles, TritonSettings triton) {
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(4000);
    static final Path SERVER_POLICY = Path.of("/etc/vcai/policy.yaml");

    public static HookSettings of(Repository repository, Map<String, String> environment) {
        Config config = repository.getConfig();
        long budget = config.getLong("vcai", null, "timeBudget", DEFAULT_BUDGET.toMillis());
        List<Path> policies = new ArrayList<>();
        String server = environment.get("VCAI_POLICY");
        if (server != null && !server.isEmpty()) {
            policies.add(Path.of(server));
        } else if (Files.isRegularFile(SERVER_POLICY)) {
            policies.add(SERVER_POLICY);
        }
        String own = config.getString("vcai", null, "policy");
        Path ownFile = own != null ? repository.getDirectory().toPath().resolve(own)
                : repository.getDirectory().toPath().resolve("vcai-policy.yaml");
        if (own != null || Files.isRegularFile(ownFile)) {
            policies.add(ownFile);
        }
        Duration timeBudget = Duration.ofMillis(Math.max(1, budget));
        TritonSettings triton = TritonSettings.of(config.getString("vcai", null, "triton"), environment);
        if (triton != null) {
            Duration half = timeBudget.dividedBy(2);
            triton = triton.withDeadline(half.compareTo(TritonSettings.DEFAULT_DEADLINE) < 0 ? half : TritonSettings.DEFAULT_DEADLINE)
                    .withFailClosed(config.getBoolean("vcai", null, "tritonFailClosed", false));
        }
        return new HookSettings(config.getBoolean("vcai", null, "failClosed", false), timeBudget, List.copyOf(policies), triton);
    }

    public Policy policy() throws Policy.PolicyException {
        return Policy.load(policyFiles);
    }
}
