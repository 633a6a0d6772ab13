package dev.vcai.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A policy file: protected branches, blocked paths, vendored binaries, gates, and what the blast radius ignores and
 * treats as critical. YAML or JSON (JSON is YAML).
 * The built-in default is {@code default-policy.yaml} beside this class; a file's keys replace the default's.
 */
public record Policy(List<String> protectedBranches, List<String> blockedPaths, List<String> vendoredBinaries,
                     List<String> credentialsIgnorePaths, List<String> allowOverride, List<String> denyDeletes, List<Gate> gates,
                     List<String> impactIgnore, List<String> criticalModules) {
    private static final String DEFAULT_RESOURCE = "/dev/vcai/policy/default-policy.yaml";
    private static final Set<String> KEYS = Set.of("protected_branches", "blocked_paths", "vendored_binaries",
            "credentials_ignore_paths", "allow_override", "deny_deletes", "gates", "impact_ignore", "critical_modules");
    private static final Set<String> GATE_KEYS = Set.of("name", "metric", "op", "threshold", "on_fail", "must_pass", "branches", "description");

    public Policy {
        protectedBranches = List.copyOf(protectedBranches);
        blockedPaths = List.copyOf(blockedPaths);
        vendoredBinaries = List.copyOf(vendoredBinaries);
        credentialsIgnorePaths = List.copyOf(credentialsIgnorePaths);
        allowOverride = List.copyOf(allowOverride);
        denyDeletes = List.copyOf(denyDeletes);
        gates = List.copyOf(gates);
        impactIgnore = List.copyOf(impactIgnore);
        criticalModules = List.copyOf(criticalModules);
    }

    /** A policy file is wrong; the message names the file, the field and the rule. */
    public static final class PolicyException extends Exception {
        public PolicyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether a ref matches one of these patterns, {@code protected} standing for the protected branches. */
    public boolean matches(List<String> patterns, String ref) {
        return RefPatterns.matchesAny(patterns, protectedBranches, ref);
    }

    public static Policy defaults() {
        try (InputStream in = Policy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(load(in, "built-in policy"), "built-in policy");
        } catch (IOException | PolicyException e) {
            throw new IllegalStateException("the built-in policy is broken: " + e.getMessage(), e);
        }
    }

    public static Policy load(Path file) throws PolicyException {
        return load(List.of(file));
    }

    /** The built-in policy with each file's keys laid over it in turn (a server-wide file, then a repository's). */
    public static Policy load(List<Path> files) throws PolicyException {
        Map<String, Object> merged;
        try (InputStream defaults = Policy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            merged = new LinkedHashMap<>(load(defaults, "built-in policy"));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in policy cannot be read", e);
        }
        String source = "built-in policy";
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                merged.putAll(load(in, file.toString()));
            } catch (NoSuchFileException e) {
                throw new PolicyException("cannot read the policy file " + file + ": no such file", e);
            } catch (IOException e) {
                throw new PolicyException("cannot read the policy file " + file + ": " + e.getMessage(), e);
            }
            source = file.toString();
        }
        return parse(merged, source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(InputStream in, String source) throws PolicyException {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map)) {
                throw new PolicyException(source + ": the policy must be a mapping of keys (" + String.join(", ", KEYS) + ")", null);
            }
            return (Map<String, Object>) document;
        } catch (YAMLException e) {
            throw new PolicyException(source + ": not valid YAML or JSON: " + e.getMessage().replace('\n', ' '), e);
        }
    }

    private static Policy parse(Map<String, Object> document, String source) throws PolicyException {
        for (String key : document.keySet()) {
            if (!KEYS.contains(key)) {
                throw new PolicyException(source + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")", null);
            }
        }
        List<Gate> gates = new ArrayList<>();
        List<?> gateList = list(document, "gates", source);
        for (int i = 0; i < gateList.size(); i++) {
            gates.add(gate(gateList.get(i), source + ": gates[" + i + "]"));
        }
        return new Policy(strings(document, "protected_branches", source), strings(document, "blocked_paths", source),
                strings(document, "vendored_binaries", source), strings(document, "credentials_ignore_paths", source),
                strings(document, "allow_override", source), strings(document, "deny_deletes", source), gates,
                strings(document, "impact_ignore", source), strings(document, "critical_modules", source));
    }

    private static Gate gate(Object item, String where) throws PolicyException {
        if (!(item instanceof Map<?, ?> map)) {
            throw new PolicyException(where + ": a gate must be a mapping with name, metric, op, threshold", null);
        }
        for (Object key : map.keySet()) {
            if (!GATE_KEYS.contains(String.valueOf(key))) {
                throw new PolicyException(where + ": unknown key '" + key + "' (known: " + String.join(", ", GATE_KEYS) + ")", null);
            }
        }
        String name = required(map, "name", where);
        String metric = required(map, "metric", where);
        if (!CommitPolicy.METRICS.contains(metric)) {
            // A misspelt metric would never be measured, and its gate would never fail: refuse it instead.
            throw new PolicyException(where + ".metric: unknown metric '" + metric + "' (known: " + String.join(", ", CommitPolicy.METRICS) + ")", null);
        }
        Gate.Operator op;
        try {
            op = Gate.Operator.parse(required(map, "op", where));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + ".op: " + e.getMessage(), e);
        }
        Object threshold = map.get("threshold");
        if (!(threshold instanceof Number number)) {
            throw new PolicyException(where + ".threshold: must be a number, not '" + threshold + "'", null);
        }
        Verdict onFail = Verdict.CONDITIONAL;
        if (map.get("on_fail") != null) {
            String mustBe = where + ".on_fail: must be CONDITIONAL, REJECTED or BLOCKED, not '" + map.get("on_fail") + "'";
            try {
                onFail = Verdict.valueOf(String.valueOf(map.get("on_fail")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(mustBe, e);
            }
            if (onFail == Verdict.APPROVED) { // a failed gate that approves would say it failed and change nothing
                throw new PolicyException(mustBe, null);
            }
        }
        Object mustPass = map.get("must_pass");
        if (mustPass != null && !(mustPass instanceof Boolean)) {
            throw new PolicyException(where + ".must_pass: must be true or false", null);
        }
        List<String> branches = new ArrayList<>();
        if (map.get("branches") instanceof List<?> list) {
            list.forEach(b -> branches.add(String.valueOf(b)));
        } else if (map.get("branches") != null) {
            throw new PolicyException(where + ".branches: must be a list of ref patterns", null);
        }
        Object description = map.get("description");
        return new Gate(name, metric, op, number.doubleValue(), onFail, mustPass == null || (Boolean) mustPass, branches,
                description == null ? null : String.valueOf(description));
    }

    private static String required(Map<?, ?> map, String key, String where) throws PolicyException {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new PolicyException(where + ": '" + key + "' is required", null);
        }
        return String.valueOf(value);
    }

    private static List<?> list(Map<String, Object> document, String key, String source) throws PolicyException {
        Object value = document.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new PolicyException(source + ": '" + key + "' must be a list", null);
        }
        return list;
    }

    private static List<String> strings(Map<String, Object> document, String key, String source) throws PolicyException {
        List<String> values = new ArrayList<>();
        for (Object item : list(document, key, source)) {
            values.add(String.valueOf(item));
        }
        return values;
    }
}
