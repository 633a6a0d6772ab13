package dev.vcai.cli;

import dev.vcai.git.GitRepositories;
import dev.vcai.hooks.HookInstaller;
import dev.vcai.hooks.HookSettings;
import dev.vcai.hooks.PostReceive;
import dev.vcai.hooks.PreReceive;
import dev.vcai.hooks.Push;
import dev.vcai.hooks.RefChange;
import dev.vcai.impact.BlastRadiusAnalyzer;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "hook", mixinStandardHelpOptions = true, description = "Git server hooks: install them, or run them (git does that).",
        subcommands = {HookCommand.Install.class, HookCommand.PreReceiveHook.class, HookCommand.PostReceiveHook.class,
                HookCommand.WarmUp.class, HookCommand.Archive.class})
final class HookCommand {
    @ParentCommand
    VcaiCommand vcai;

    /** The sub-commands git's hooks run, with no options ({@link Main} runs them without picocli). */
    static final Set<String> RUN_BY_GIT = Set.of("pre-receive", "post-receive");

    /** Runs one of {@link #RUN_BY_GIT} on the repository of {@code directory} (or $GIT_DIR, as git sets it). */
    static int runByGit(String name, Path directory) throws Exception {
        return name.equals("pre-receive") ? PreReceiveHook.run(directory) : PostReceiveHook.run(directory);
    }

    /** The model a hook uses: git config vcai.model, else $VCAI_MODEL, else the shipped one; on Triton if configured. */
    static ChangeTypeModel model(Repository repository, HookSettings settings) throws ModelException {
        String configured = repository.getConfig().getString("vcai", null, "model");
        return CommonOptions.openModel(configured == null || configured.isEmpty() ? null
                : repository.getDirectory().toPath().resolve(configured), settings.triton());
    }

    @Command(name = "pre-receive", mixinStandardHelpOptions = true,
            description = "Run by git's pre-receive hook: reads '<old> <new> <ref>' lines on stdin; exit 0 accepts, 40 refuses.")
    static final class PreReceiveHook implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        HookCommand hook;

        @Override
        public Integer call() throws Exception {
            return run(hook.vcai.directory);
        }

        static int run(Path directory) throws Exception {
            PrintWriter err = Main.utf8(System.err);
            Map<String, String> environment = System.getenv();
            List<RefChange> changes = RefChange.read(System.in);
            boolean failClosed = false;
            try (Repository repository = GitRepositories.open(directory, environment)) {
                HookSettings settings = HookSettings.of(repository, environment);
                failClosed = settings.failClosed();
                Instant deadline = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).plus(settings.timeBudget());
                StringWriter report = new StringWriter();
                CompletableFuture<Boolean> decision = new CompletableFuture<>();
                // The model loads on one thread while the other reads the pushed commits (2 cores are common on servers).
                CompletableFuture<ChangeTypeModel> model = new CompletableFuture<>();
                daemon("vcai-model", () -> {
                    try {
                        model.complete(model(repository, settings));
                    } catch (Throwable e) {
                        model.completeExceptionally(e);
                    }
                });
                daemon("vcai-pre-receive", () -> {
                    try {
                        Policy policy = settings.policy();
                        CompletableFuture<Analyzer> analyzer = model.thenApply(m -> Analyzer.builder(m).policy(policy).build());
                        decision.complete(PreReceive.run(repository, changes, policy, Push.of(environment), analyzer,
                                new PrintWriter(report)));
                    } catch (Throwable e) {
                        decision.completeExceptionally(e);
                    }
                });
                long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                boolean accepted = decision.get(wait, TimeUnit.MILLISECONDS);
                // A deletion is decided before the model is needed: exiting while it loads could crash the JVM and
                // lose the verdict. Out of time or failed, the exit code the script maps is the same either way.
                CommonOptions.closeWhenLoaded(model);
                err.print(report);
                err.flush();
                return accepted ? ExitCode.OK.code() : ExitCode.HOOK_REFUSED.code();
            } catch (TimeoutException e) {
                return failure(err, failClosed, "did not finish within the time budget (vcai.timeBudget)");
            } catch (ExecutionException e) {
                return failure(err, failClosed, e.getCause().getMessage() == null ? e.getCause().toString() : e.getCause().getMessage());
            } catch (Exception e) {
                return failure(err, failClosed, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        private static void daemon(String name, Runnable work) {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static int failure(PrintWriter err, boolean failClosed, String why) {
            String line = "vcai: " + why.replace('\n', ' ');
            if (failClosed) {
                err.println(line + "; push refused (vcai.failClosed)");
                err.flush();
                return ExitCode.HOOK_REFUSED.code();
            }
            err.println("vcai: warning: " + why.replace('\n', ' ') + "; push accepted without a verdict");
            err.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "post-receive", mixinStandardHelpOptions = true,
            description = "Run by git's post-receive hook: writes the new commits' analyses as notes under refs/notes/vcai.")
    static final class PostReceiveHook implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        HookCommand hook;

        @Override
        public Integer call() throws Exception {
            return run(hook.vcai.directory);
        }

        static int run(Path directory) throws Exception {
            Map<String, String> environment = System.getenv();
            List<RefChange> changes = RefChange.read(System.in);
            try (Repository repository = GitRepositories.open(directory, environment)) {
                HookSettings settings = HookSettings.of(repository, environment);
                try (ChangeTypeModel model = model(repository, settings)) {
                    Analyzer analyzer = Analyzer.builder(model).policy(settings.policy()).build();
                    int added = PostReceive.run(repository, changes, Push.of(environment), analyzer, environment,
                            line -> System.out.println(Instant.now() + " vcai: " + line));
                    System.out.println(Instant.now() + " vcai: " + added + " note(s) added for " + changes.size() + " ref(s)");
                    return ExitCode.OK.code();
                }
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Install vcai's pre-receive and post-receive hooks into a repository on a Git server.",
                    "Existing hooks are kept and run first. Also turns on push options for -o vcai.override=\"reason\"."})
    static final class Install implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        HookCommand hook;

        @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "<repository>",
                description = "The (usually bare) repository on the server (default: the current directory, or -C's).")
        Path repositoryPath;

        static final class Flavour {
            @Option(names = "--gitlab", description = "GitLab: custom_hooks/<hook>.d/vcai.")
            boolean gitlab;

            @Option(names = "--gitea", description = "Gitea and Forgejo: hooks/<hook>.d/vcai.")
            boolean gitea;

            @Option(names = "--ghes", description = "GitHub Enterprise Server: print how to set up a pre-receive environment.")
            boolean ghes;
        }

        @ArgGroup(exclusive = true)
        Flavour flavour = new Flavour();

        @Option(names = "--fail-closed", description = "Refuse pushes when vcai itself fails or runs out of time (default: accept them).")
        boolean failClosed;

        @Option(names = "--time-budget", paramLabel = "<ms>", description = "The whole hook's time budget in milliseconds (default: 4000).")
        Long timeBudget;

        @Option(names = "--jar", paramLabel = "<file>", description = "The vcai jar the hooks run (default: this one).")
        Path jar;

        @Option(names = "--no-cds", description = "Do not create the class-data-sharing archive that makes the hook start faster.")
        boolean noCds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = Main.utf8(System.out);
            Path vcaiJar = jar != null ? jar.toAbsolutePath() : runningJar();
            Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
            if (flavour.ghes) {
                out.println(GHES_STEPS.replace("@JAR@", vcaiJar.toString()));
                return ExitCode.OK.code();
            }
            HookInstaller.Server server = flavour.gitlab ? HookInstaller.Server.GITLAB
                    : flavour.gitea ? HookInstaller.Server.GITEA : HookInstaller.Server.GIT;
            try (Repository repository = GitRepositories.open(hook.vcai.directory.resolve(repositoryPath), Map.of())) {
                for (Path written : HookInstaller.install(repository, server, java, vcaiJar, failClosed, timeBudget)) {
                    out.println("wrote " + written);
                }
                cacheGraph(repository, out);
            }
            if (!noCds) {
                createArchive(java, vcaiJar, out);
            }
            return ExitCode.OK.code();
        }

        /**
         * Builds HEAD's graph into the blast radius's cache now, so that the first push restores it and pays only for
         * the files it changes. An empty repository has nothing to parse; a failure here costs the first push time, not the install.
         */
        private static void cacheGraph(Repository repository, PrintWriter out) {
            try {
                ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
                if (head == null) {
                    return;
                }
                Policy policy = HookSettings.of(repository, System.getenv()).policy();
                BlastRadiusAnalyzer.Result result = Analyzer.blastRadius(policy).keepGraphAt(repository, head);
                out.println("cached the dependency graph of HEAD: " + result.graphFiles() + " files, " + result.filesParsed() + " parsed");
            } catch (IOException | RuntimeException | Policy.PolicyException e) {
                out.println("warning: could not cache the dependency graph (" + e.getMessage() + "); the first push will build it");
            }
        }

        private static Path runningJar() {
            try {
                Path location = Path.of(HookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(location)) {
                    return location;
                }
            } catch (Exception e) {
                // fall through to the message below
            }
            throw new Failure(ExitCode.USAGE, "not running from the vcai jar; pass --jar target/vcai.jar", null);
        }

        private static void createArchive(Path java, Path jar, PrintWriter out) throws IOException, InterruptedException {
            if (ClassDataArchive.isUpToDate(jar)) {
                out.println("class-data archive " + ClassDataArchive.of(jar) + " is up to date");
                return;
            }
            out.println(ClassDataArchive.write(java, jar) ? "wrote class-data archive " + ClassDataArchive.of(jar)
                    : "warning: could not create the class-data archive; vcai and its hooks will start slower");
        }

        private static final String GHES_STEPS = String.join("\n",
                "GitHub Enterprise Server runs pre-receive hooks in a pre-receive environment (a chroot image) with a",
                "5-second limit. To run vcai there:",
                "  1. Build an environment tarball with a Java 17 runtime and @JAR@ at /opt/vcai/vcai.jar",
                "     (e.g. from a Debian image: apt-get install openjdk-17-jre-headless), and upload it under",
                "     Site admin > Hooks > Manage environments.",
                "  2. Commit hooks/pre-receive from the vcai sources to a hook repository, with JAVA=/usr/bin/java and",
                "     VCAI_JAR=/opt/vcai/vcai.jar filled in, and add it under Site admin > Hooks.",
                "  3. Keep the time budget under 5 s: git config vcai.timeBudget 4000 (the default).",
                "post-receive hooks are not available on GitHub Enterprise Server; notes are not written there.");
    }

    @Command(name = "archive", hidden = true, description = "Write the class-data archive beside the running jar (the build does).")
    static final class Archive implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            PrintWriter out = Main.utf8(System.out);
            Install.createArchive(Path.of(ProcessHandle.current().info().command().orElse("java")), Install.runningJar(), out);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "warm-up", hidden = true, description = "Exercise a hook's code path once (used to build the class-data archive).")
    static final class WarmUp implements java.util.concurrent.Callable<Integer> {
        /** A file of every language and build system the blast radius reads, so that their classes are archived too. */
        private static final Map<String, String> FILES = Map.ofEntries(
                Map.entry("pom.xml", "<project><artifactId>app</artifactId></project>\n"),
                Map.entry("App.java", "package app;\nimport java.util.List;\nclass App { List<String> names; }\n"),
                Map.entry("settings.gradle.kts", "include(\":lib\")\n"),
                Map.entry("lib/build.gradle.kts", "dependencies { implementation(project(\":core\")) }\n"),
                Map.entry("lib/Lib.kt", "package lib\nimport app.App\nfun lib() = App()\n"),
                Map.entry("web/package.json", "{\"name\": \"web\", \"main\": \"index.ts\"}\n"),
                Map.entry("web/tsconfig.json", "{\"compilerOptions\": {\"baseUrl\": \".\"}}\n"),
                Map.entry("web/index.ts", "import { a } from './a'\nexport const b = require('b')\n"),
                Map.entry("tool/go.mod", "module example.com/tool\n"),
                Map.entry("tool/main.go", "package main\nimport \"example.com/tool/x\"\n"),
                Map.entry("py/mod.py", "from . import other\nimport os\n"));

        /** Commits of the long range: more than a report renders in one chunk (64) and than a half is (64). */
        private static final int LONG_RANGE = 160;
        private static final List<String> SUBJECTS = List.of("fix: a null check", "feat: a new option", "docs: the usage",
                "refactor: one method", "test: one more case", "chore(deps): bump a library", "perf: a loop", "build: the plugin");

        /**
         * One commit of the long range: a line of App.java changed among others (a diff with an edit inside the file,
         * not only at its end), a notes file appended to, now and then a rename or a binary file.
         */
        private static void commitLongRangeStep(Git git, Path directory, int step) throws Exception {
            StringBuilder app = new StringBuilder("package app;\nclass App {\n");
            for (int line = 0; line < 30; line++) {
                app.append(line == step % 30 ? "    int changed = " + step + ";\n" : "    int line" + line + " = " + line + ";\n");
            }
            Files.writeString(directory.resolve("App.java"), app.append("}\n"));
            Path notes = directory.resolve("notes/n" + step % 7 + ".md");
            Files.createDirectories(notes.getParent());
            Files.writeString(notes, "note " + step + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (step % 40 == 39) {
                Files.move(notes, directory.resolve("notes/moved-" + step + ".md"));
            }
            if (step % 50 == 25) {
                Files.write(directory.resolve("data-" + step + ".bin"), new byte[] {0, 1, 2, (byte) step});
            }
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            git.commit().setMessage(SUBJECTS.get(step % SUBJECTS.size())).setAuthor("vcai" + step % 3, "vcai" + step % 3 + "@localhost")
                    .setCommitter("vcai", "vcai@localhost").setSign(false).call();
        }

        @Override
        public Integer call() throws Exception {
            Path directory = Files.createTempDirectory("vcai-warm-up");
            try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
                 EmbeddedModel model = EmbeddedModel.shipped()) {
                // The second commit changes every file by a line end: still valid XML, JSON and code, so each is parsed.
                for (String change : List.of("first", "second")) {
                    for (Map.Entry<String, String> file : FILES.entrySet()) {
                        Path path = directory.resolve(file.getKey());
                        Files.createDirectories(path.getParent());
                        Files.writeString(path, change.equals("first") ? file.getValue() : file.getValue() + "\n");
                    }
                    git.add().addFilepattern(".").call();
                    git.commit().setMessage("warm up: " + change).setAuthor("vcai", "vcai@localhost").setCommitter("vcai", "vcai@localhost")
                            .setSign(false).call();
                }
                dev.vcai.report.JsonReport.render(Analyzer.builder(model).build().analyze(git.getRepository(),
                        dev.vcai.git.LogQuery.of("HEAD"), "refs/heads/main", Analyzer.Progress.NONE));
                // The command line's own path too: its options, the model loading beside the reading, the streamed report.
                PrintWriter discard = new PrintWriter(java.io.Writer.nullWriter());
                Main.run(new String[] {"-C", directory.toString(), "analyze", "--format", "json"}, discard, discard);
                // And a long range's: diffs on several threads, renames, the older history walked beside them, two
                // halves classified and judged at once, the report's commits rendered in chunks on a second thread,
                // objects read from a pack, the table. Left out, an analysis of okhttp's 1,000 commits loaded and
                // verified 25 classes (a pack's, a histogram diff's) and spun 15 lambdas at every run (about 40 ms).
                for (int i = 0; i < LONG_RANGE + 20; i++) {
                    commitLongRangeStep(git, directory, i);
                }
                git.gc().call(); // read from a pack, with deltas, as a real repository is
                String range = Integer.toString(LONG_RANGE);
                Main.run(new String[] {"-C", directory.toString(), "analyze", "-n", range, "--format", "json"}, discard, discard);
                Main.run(new String[] {"-C", directory.toString(), "analyze", "-n", range}, discard, discard);
            } finally {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return ExitCode.OK.code();
        }
    }
}
