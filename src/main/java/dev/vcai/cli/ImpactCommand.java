package dev.vcai.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.git.GitError;
import dev.vcai.impact.BlastRadius;
import dev.vcai.impact.BlastRadiusAnalyzer;
import dev.vcai.policy.Policy;
import dev.vcai.report.JsonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "impact", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The blast radius of changing files (or the files declaring a symbol) before anything is committed: "
                + "the files and modules that depend on them, and the tests that cover them.",
                "Without --rev the graph is HEAD's with the working tree's version of the named files."},
        footer = {"", "Examples:", "  vcai impact core/src/main/java/com/acme/Money.java", "  vcai impact com.acme.Money --format json",
                "  vcai impact --rev v1.2 src/util/format.ts"})
final class ImpactCommand implements Callable<Integer> {
    enum Format { table, json }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<path-or-symbol>", arity = "1..*",
            description = "A file or directory (relative to the current directory) or a symbol: Java/Kotlin type a.b.C (or its simple name), Python module a.b, Go package path.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--rev", paramLabel = "<revision>", description = "Use this revision's tree, not the working tree.")
    String revision;

    @Option(names = "--format", paramLabel = "<format>", description = "table (default) or json.")
    Format format = Format.table;

    @Option(names = "--policy", paramLabel = "<file>", description = "Policy file whose impact_ignore applies (default: $VCAI_POLICY, else built-in).")
    Path policyFile;

    @Override
    public Integer call() throws GitError, Policy.PolicyException, IOException {
        Policy policy = common.policy(policyFile);
        BlastRadius radius;
        try (Repository repository = common.openRepository()) {
            ObjectId tree = tree(repository, revision == null ? "HEAD" : revision);
            List<String> paths = new ArrayList<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (String target : targets) {
                paths.add(treePath(repository, target, contents));
            }
            try {
                radius = BlastRadiusAnalyzer.builder().ignore(policy.impactIgnore()).build().impactOf(repository, tree, paths, contents);
            } catch (IllegalArgumentException e) {
                throw new Failure(ExitCode.USAGE, e.getMessage(), e);
            } catch (MissingObjectException e) {
                throw new Failure(ExitCode.CORRUPT_OBJECT, "missing object " + e.getObjectId().name() + "; 'git fsck' tells more", e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(radius) : table(radius));
        out.flush();
        return ExitCode.OK.code();
    }

    private static ObjectId tree(Repository repository, String revision) throws IOException {
        ObjectId commit;
        try {
            commit = repository.resolve(revision + "^{commit}");
        } catch (RevisionSyntaxException e) {
            commit = null;
        }
        if (commit == null) {
            throw new Failure(revision.equals("HEAD") ? ExitCode.EMPTY_RANGE : ExitCode.UNKNOWN_REVISION,
                    revision.equals("HEAD") ? "the repository has no commits yet" : "unknown revision '" + revision + "'", null);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().getId();
        }
    }

    /**
     * A target as a path of the tree when it names a file of the working tree (whose content then replaces the
     * tree's, unless --rev is given) or a directory of it (its files as the tree has them); otherwise the target as
     * given, a tree path or a symbol.
     */
    private String treePath(Repository repository, String target, Map<String, byte[]> contents) throws IOException {
        if (repository.isBare()) {
            return target;
        }
        Path root = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        Path file = common.root().directory.resolve(target).toAbsolutePath().normalize();
        if (!file.startsWith(root) || !(Files.isRegularFile(file) || Files.isDirectory(file))) {
            return target;
        }
        String path = root.relativize(file).toString().replace('\\', '/');
        if (revision == null && Files.isRegularFile(file)) {
            contents.put(path, Files.readAllBytes(file));
        }
        return path;
    }

    private static String table(BlastRadius r) {
        StringBuilder out = new StringBuilder();
        out.append("Blast radius ").append(r.score()).append("/100: ").append(r.dependentCount()).append(" dependent files of ")
                .append(r.graphFiles()).append(" source files; modules changed: ").append(String.join(", ", r.changedModules())).append('\n');
        if (r.graphFiles() == 0) {
            // "0 of 0" reads like a fault; it is a tree of languages whose imports are not read (Rust, C, ...).
            out.append("No file of this tree is in a language whose imports vcai reads (Java, Kotlin, JavaScript, TypeScript,"
                    + " Python, Go): its files count in their modules only.\n");
        }
        for (BlastRadius.ModuleReach m : r.topModules()) {
            out.append("  ").append(m.module()).append(" (").append(m.files()).append(" files) via ").append(String.join(" -> ", m.path())).append('\n');
        }
        List<String> tests = r.coveringTests();
        out.append(r.testsCover() ? "Tests covering it: " + String.join(", ", tests.subList(0, Math.min(10, tests.size())))
                + (tests.size() > 10 ? " and more (--format json lists " + tests.size() + ")" : "") : "No test depends on it.").append('\n');
        for (String dependent : r.dependentFiles()) {
            out.append("  ").append(dependent).append('\n');
        }
        int unlisted = r.dependentCount() - r.dependentFiles().size();
        if (unlisted > 0) {
            out.append(r.dependentFiles().isEmpty() ? "  " + unlisted + " source files of the modules above, through build files\n"
                    : "  ... and " + unlisted + " more\n");
        }
        return out.toString();
    }

    private String json(BlastRadius radius) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", "vcai.impact/v1");
        root.addProperty("revision", revision == null ? "HEAD+worktree" : revision);
        JsonArray array = new JsonArray();
        targets.forEach(array::add);
        root.add("targets", array);
        root.add("blast_radius", JsonReport.blastRadius(radius));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
    }
}
