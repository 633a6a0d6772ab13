package dev.vcai.cli;

import dev.vcai.model.EmbeddedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "vcai", mixinStandardHelpOptions = true, versionProvider = VcaiCommand.Version.class,
        description = "Commit intelligence: change type, blast radius, risk and a promotion verdict per commit.",
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage, 3 not a repository, 4 unknown revision, 5 empty range,",
                "6 shallow boundary, 7 corrupt objects, 8 invalid config or policy, 9 model error, 10 I/O error, 11 forge error;",
                "with analyze --exit-code: 20 CONDITIONAL, 21 REJECTED, 22 BLOCKED."})
final class VcaiCommand implements Callable<Integer> {
    private static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, EvaluateCommand.class, TrainCommand.class,
            HookCommand.class, StatusCommand.class, ServeCommand.class, ImpactCommand.class, KServeCommand.class);

    @Spec
    CommandSpec spec;

    /** The top command of the command a spec describes: its -C directory and --debug. */
    static VcaiCommand of(CommandSpec spec) {
        return (VcaiCommand) spec.root().userObject();
    }

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

    /**
     * The command line for {@code args}, with only the sub-command they name registered: picocli reads every
     * registered command's annotations at start, which costs a hook about 0.1 s for the seven it does not run.
     * Without a known sub-command name (help, a typo) all are registered, so usage and suggestions list them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new VcaiCommand());
        String named = subcommandName(args);
        List<Class<?>> chosen = SUBCOMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(named)).toList();
        for (Class<?> command : chosen.isEmpty() ? SUBCOMMANDS : chosen) {
            try {
                // An instance, not the class: picocli injects @ParentCommand fields only into objects that exist.
                cli.addSubcommand(CommandLine.defaultFactory().create(command));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the sub-command " + command.getSimpleName(), e);
            }
        }
        return cli;
    }

    /** The first argument that is neither an option nor {@code -C}'s directory. */
    private static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return null;
            }
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VcaiCommand.class.getPackage().getImplementationVersion();
            String model;
            try {
                String sha256 = EmbeddedModel.shippedSha256();
                model = sha256 == null ? "not built" : sha256.substring(0, 12);
            } catch (java.io.IOException e) {
                model = "unreadable";
            }
            return new String[] {"vcai " + (version == null ? "development build" : version), "change-type model " + model + " (shipped)"};
        }
    }
}
