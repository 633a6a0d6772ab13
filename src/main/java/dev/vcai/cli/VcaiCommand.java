package dev.vcai.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "vcai", mixinStandardHelpOptions = true, versionProvider = VcaiCommand.Version.class,
        description = "Commit intelligence: change type, blast radius, risk and a promotion verdict per commit.",
        subcommands = {AnalyzeCommand.class, EvaluateCommand.class, TrainCommand.class, HookCommand.class, StatusCommand.class,
                ServeCommand.class, ImpactCommand.class, KServeCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage, 3 not a repository, 4 unknown revision, 5 empty range,",
                "6 shallow boundary, 7 corrupt objects, 8 invalid config or policy, 9 model error, 10 I/O error, 11 forge error;",
                "with analyze --exit-code: 20 CONDITIONAL, 21 REJECTED, 22 BLOCKED."})
final class VcaiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "<dir>", scope = ScopeType.INHERIT,
            description = "Run as if vcai was started in <dir>, like git -C.")
    Path directory = Path.of(".");

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE.code();
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VcaiCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vcai " + (version == null ? "development build" : version)};
        }
    }
}
