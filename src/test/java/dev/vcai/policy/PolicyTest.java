package dev.vcai.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;

    @Test
    void builtInPolicyHasTheDocumentedGates() {
        Policy policy = Policy.defaults();
        assertEquals(List.of("blocked-paths", "vendored-binaries", "credentials", "critical-risk-on-protected", "high-risk",
                "untested-code", "wide-blast-radius", "wide-blast-radius-untested", "critical-module-on-protected", "declared-type-matches"), policy.gates().stream().map(Gate::name).toList());
        assertTrue(policy.protectedBranches().contains("main"));
    }

    @Test
    void fileKeysReplaceTheDefaultsAndJsonIsAccepted() throws Exception {
        Path file = write("p.json", "{\"protected_branches\": [\"trunk\"], \"gates\": [{\"name\": \"tiny\", \"metric\": \"lines.changed\","
                + " \"op\": \"<=\", \"threshold\": 10, \"on_fail\": \"rejected\"}]}");
        Policy policy = Policy.load(file);
        assertEquals(List.of("trunk"), policy.protectedBranches());
        assertEquals(1, policy.gates().size());
        assertEquals(Verdict.REJECTED, policy.gates().get(0).onFail());
        assertTrue(policy.blockedPaths().contains("*.pem"), "keys not in the file keep their defaults");
    }

    @Test
    void errorsNameTheFileTheFieldAndTheRule() throws IOException {
        assertMessage(write("a.yaml", "gates:\n  - name: x\n    metric: lines.changed\n    op: '=>'\n    threshold: 1\n"), "gates[0].op: unknown operator '=>'");
        assertMessage(write("b.yaml", "gates:\n  - name: x\n    metric: lines.changed\n    op: '<'\n    threshold: high\n"), "gates[0].threshold: must be a number");
        assertMessage(write("c.yaml", "gates:\n  - name: x\n    metric: lines.changed\n    op: '<'\n    threshold: 1\n    on_fail: MAYBE\n"), "gates[0].on_fail");
        assertMessage(write("d.yaml", "gates:\n  - name: x\n    metric: lines.changed\n    op: '<'\n    threshold: 1\n    on_fail: approved\n"),
                "gates[0].on_fail: must be CONDITIONAL, REJECTED or BLOCKED, not 'approved'");
        assertMessage(write("d.yaml", "protected_branchs: [main]\n"), "unknown key 'protected_branchs'");
        assertMessage(write("e.yaml", "gates:\n  - metric: lines.changed\n    op: '<'\n    threshold: 1\n"), "gates[0]: 'name' is required");
        assertMessage(write("f.yaml", "gates: [\n"), "not valid YAML or JSON");
        assertMessage(write("g.yaml", "- just\n- a list\n"), "must be a mapping");
        assertMessage(write("h.yaml", "gates:\n  - name: x\n    metric: risk.scor\n    op: '>'\n    threshold: 1\n"),
                "gates[0].metric: unknown metric 'risk.scor' (known: risk.score, risk.level,");
        Policy.PolicyException missing = assertThrows(Policy.PolicyException.class, () -> Policy.load(dir.resolve("nope.yaml")));
        assertEquals("cannot read the policy file " + dir.resolve("nope.yaml") + ": no such file", missing.getMessage());
    }

    private void assertMessage(Path file, String expected) {
        Policy.PolicyException e = assertThrows(Policy.PolicyException.class, () -> Policy.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void gateEngineTakesTheWorstMustPassFailureAndSkipsUnknownMetrics() {
        List<Gate> gates = List.of(
                new Gate("size", "lines", Gate.Operator.LT, 100, Verdict.CONDITIONAL, true, List.of(), null),
                new Gate("keys", "keys", Gate.Operator.EQ, 0, Verdict.BLOCKED, true, List.of(), "a key"),
                new Gate("advice", "lines", Gate.Operator.LT, 10, Verdict.REJECTED, false, List.of(), null),
                new Gate("radius", "radius", Gate.Operator.LT, 70, Verdict.REJECTED, true, List.of(), null),
                new Gate("protected-only", "lines", Gate.Operator.LT, 50, Verdict.REJECTED, true, List.of("protected"), null));
        Map<String, Double> metrics = Map.of("lines", 120.0, "keys", 0.0, "radius", Double.NaN);

        Decision onTopic = GateEngine.decide(gates, metrics, "refs/heads/topic", List.of("main", "release/**"));
        assertEquals(Verdict.CONDITIONAL, onTopic.verdict());
        assertEquals(List.of("size", "advice"), onTopic.failures().stream().map(Decision.GateResult::gate).toList());
        assertEquals(Decision.GateResult.Outcome.SKIPPED, onTopic.results().get(3).outcome());
        assertEquals(4, onTopic.results().size(), "the protected-only gate does not apply to a topic branch");

        assertEquals(Verdict.REJECTED, GateEngine.decide(gates, metrics, "refs/heads/release/2.x", List.of("main", "release/**")).verdict());
        assertEquals(Verdict.BLOCKED, GateEngine.decide(gates, Map.of("lines", 1.0, "keys", 1.0), "refs/heads/main", List.of("main")).verdict());
        assertEquals(Verdict.APPROVED, GateEngine.decide(gates, Map.of("lines", 1.0, "keys", 0.0, "radius", 3.0), null, List.of()).verdict());
    }

    @Test
    void refAndPathPatterns() {
        assertTrue(RefPatterns.matches("main", "refs/heads/main"));
        assertFalse(RefPatterns.matches("main", "refs/heads/maint"));
        assertTrue(RefPatterns.matches("release/**", "refs/heads/release/1.2/hotfix"));
        assertFalse(RefPatterns.matches("release/*", "refs/heads/release/1.2/hotfix"));
        assertTrue(RefPatterns.matches("refs/tags/**", "refs/tags/v1.0"));
        assertTrue(RefPatterns.matchesPath("*.pem", "deploy/certs/server.pem"));
        assertTrue(RefPatterns.matchesPath("id_rsa", "home/.ssh/id_rsa"));
        assertFalse(RefPatterns.matchesPath("id_rsa", "docs/id_rsa.md"));
        assertTrue(RefPatterns.matchesPath("vendor/**/*.jar", "vendor/a/b/lib.jar"));
        assertFalse(RefPatterns.matchesPath("vendor/**/*.jar", "src/lib.jar"));
    }

    @Test
    void inAPathListTheLastMatchDecidesAndAnExclamationMarkMakesAnException() {
        List<String> binaries = Policy.defaults().vendoredBinaries();
        assertTrue(RefPatterns.matchesAnyPath(binaries, "lib/vendor.jar"));
        assertTrue(RefPatterns.matchesAnyPath(binaries, "gradle/wrapper/vendor.jar"));
        assertFalse(RefPatterns.matchesAnyPath(binaries, "gradle/wrapper/gradle-wrapper.jar"));
        assertFalse(RefPatterns.matchesAnyPath(binaries, "samples/app/gradle/wrapper/gradle-wrapper.jar"));
        assertFalse(RefPatterns.matchesAnyPath(binaries, ".mvn/wrapper/maven-wrapper.jar"));
        assertTrue(RefPatterns.matchesAnyPath(binaries, "tools/gradle-wrapper.jar"), "only in a wrapper's own directory");

        List<String> keys = List.of("*.pem", "!testdata/**", "testdata/real/*.pem");
        assertTrue(RefPatterns.matchesAnyPath(keys, "deploy/server.pem"));
        assertFalse(RefPatterns.matchesAnyPath(keys, "testdata/certs/server.pem"));
        assertTrue(RefPatterns.matchesAnyPath(keys, "testdata/real/server.pem"), "a later pattern takes the path back");
        assertFalse(RefPatterns.matchesAnyPath(List.of(), "deploy/server.pem"));
    }
}
