package dev.vcai.hooks;

import dev.vcai.git.GitError;
import dev.vcai.model.ModelException;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.report.JsonReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.NoteMap;

/**
 * After a push: write each new commit's analysis as a note under {@link NotesWriter#REF} (the JSON report of that one
 * commit, schema {@code vcai.analysis/v1}), skipping commits that have one, and record overrides in
 * {@code vcai/audit.log} in the git directory. Runs detached from the push, so it never delays or fails it.
 */
public final class PostReceive {
    private PostReceive() {
    }

    /**
     * @param log told what happened, one line per event (the hook's log file)
     * @return the number of notes added
     */
    public static int run(Repository repository, List<RefChange> changes, Push push, Analyzer analyzer, Map<String, String> environment,
                          Consumer<String> log) throws IOException, GitError, ModelException {
        Optional<StatusHandOff> forge = StatusHandOff.of(repository, environment);
        Set<String> changed = changes.stream().map(RefChange::ref).collect(Collectors.toSet());
        List<Ref> others = new ArrayList<>();
        for (Ref ref : repository.getRefDatabase().getRefs()) {
            if (!changed.contains(ref.getName()) && !ref.getName().startsWith("refs/notes/")) {
                others.add(ref);
            }
        }
        NoteMap existing = NotesWriter.current(repository);
        Map<ObjectId, String> notes = new LinkedHashMap<>();
        for (RefChange change : changes) {
            RefSelection selection = RefSelection.of(repository, change, others);
            if (selection.query() == null) {
                continue;
            }
            forge.ifPresent(f -> tell(log, change, () -> f.pending(change.newId().name())));
            RangeAnalysis analysis;
            try {
                analysis = analyzer.analyze(repository, selection.query(), change.ref(), Analyzer.Progress.NONE);
            } catch (GitError e) {
                if (e.kind() == GitError.Kind.EMPTY_RANGE) {
                    continue;
                }
                throw e;
            }
            RangeAnalysis analysed = analysis;
            forge.ifPresent(f -> tell(log, change, () -> f.publish(change.newId().name(), analysed, PreReceive.reasons(analysed))));
            List<String> warnings = new ArrayList<>(analysis.warnings());
            if (push.overrideReason() != null) {
                warnings.add("pushed to " + change.ref() + " with an override by " + push.pusher() + ": " + push.overrideReason());
                audit(repository, change, push, analysis);
            }
            for (CommitAnalysis commit : analysis.commits()) {
                ObjectId id = ObjectId.fromString(commit.facts().id());
                if (!notes.containsKey(id) && !existing.contains(id)) {
                    RangeAnalysis one = new RangeAnalysis(analysis.repository(), commit.facts().id(), change.ref(),
                            List.of(commit), commit.decision().verdict(), warnings);
                    notes.put(id, JsonReport.render(one));
                }
            }
        }
        return notes.isEmpty() ? 0 : NotesWriter.add(repository, notes);
    }

    /** A forge that fails must not stop the notes: its problem goes to the log. */
    private static void tell(Consumer<String> log, RefChange change, StatusHandOff.Call call) {
        try {
            log.accept(call.run());
        } catch (IOException | RuntimeException e) {
            log.accept("status for " + change.ref() + " not published: " + e.getMessage());
        }
    }

    private static void audit(Repository repository, RefChange change, Push push, RangeAnalysis analysis) throws IOException {
        Path log = repository.getDirectory().toPath().resolve("vcai").resolve("audit.log");
        Files.createDirectories(log.getParent());
        String line = Instant.now() + "\toverride\t" + push.pusher() + "\t" + change.ref() + "\t" + change.newId().name()
                + "\t" + analysis.verdict() + "\t" + push.overrideReason().replace('\t', ' ').replace('\n', ' ') + "\n";
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
