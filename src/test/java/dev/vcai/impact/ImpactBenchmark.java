package dev.vcai.impact;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitRepositories;
import dev.vcai.git.LogQuery;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.policy.Policy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;

/**
 * The figures of bench/impact.sh, measured in one JVM: reading a range (the core's git work), building the graph at
 * the range's start, moving it through the commits, the same again from the on-disk cache of parsed facts, and from
 * the cache of radii; then the peak heap.
 * Not a test: run by the script with the test classes on the class path.
 */
public final class ImpactBenchmark {
    private ImpactBenchmark() {
    }

    private static void deleteSavedRadii(Repository repository) throws IOException {
        try (Stream<Path> files = Files.list(repository.getDirectory().toPath().resolve("vcai/impact"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".radii.gz")).toList()) {
                Files.delete(file);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String revision = args.length > 2 ? args[2] : "HEAD";
        long[] peakUsed = new long[1];
        Thread sampler = new Thread(() -> {
            while (true) {
                peakUsed[0] = Math.max(peakUsed[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (Repository repository = GitRepositories.open(dir, Map.of())) {
            long start = System.nanoTime();
            Analyzer.Range range = Analyzer.read(repository, LogQuery.of(revision).withMaxCount(count), DiffLimits.DEFAULT, null, Analyzer.Progress.NONE);
            long read = System.nanoTime() - start;
            List<String> ids = range.facts().stream().map(CommitFacts::id).toList();
            List<String> ignore = Policy.defaults().impactIgnore();
            BlastRadiusAnalyzer cold = BlastRadiusAnalyzer.builder().ignore(ignore).cache(false).build();
            BlastRadiusAnalyzer.Result first = cold.measure(repository, ids);
            BlastRadiusAnalyzer.Result second = cold.measure(repository, ids); // warm JIT, still no cache
            BlastRadiusAnalyzer cached = BlastRadiusAnalyzer.builder().ignore(ignore).build();
            cached.measure(repository, ids);
            deleteSavedRadii(repository);
            long factsStart = System.nanoTime();
            BlastRadiusAnalyzer.Result fromFacts = cached.measure(repository, ids); // every file's facts known, the graph moved
            long factsTotal = System.nanoTime() - factsStart;
            long radiiStart = System.nanoTime();
            BlastRadiusAnalyzer.Result fromRadii = cached.measure(repository, ids); // the radii themselves known
            long radiiTotal = System.nanoTime() - radiiStart;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            int commits = ids.size();
            System.out.printf("commits=%d graph_files=%d%n", commits, first.graphFiles());
            System.out.printf("core_read_ms=%.0f (read + facts of the range, the git half of vcai analyze)%n", read / 1e6);
            System.out.printf("graph_build_ms=%.0f (cold JVM, %d files parsed) warm=%.0f%n", first.buildNanos() / 1e6, first.filesParsed(),
                    second.buildNanos() / 1e6);
            System.out.printf("update_per_commit_ms=%.2f (cold JVM) warm=%.2f%n", first.updateNanos() / 1e6 / commits,
                    second.updateNanos() / 1e6 / commits);
            System.out.printf("facts_cached_run_ms=%.0f (files parsed: %d; the graph moved through the range)%n", factsTotal / 1e6,
                    fromFacts.filesParsed());
            System.out.printf("radii_cached_run_ms=%.0f (radii measured: %d; the same range again, as post-receive after pre-receive)%n",
                    radiiTotal / 1e6, fromRadii.measured());
            System.out.printf("graph_vs_core_read=%.2f (warm graph build + updates / core read)%n",
                    (second.buildNanos() + second.updateNanos()) / (double) read);
            System.out.printf("peak_heap_used_mb=%.0f (sampled every 5 ms; sum of the pools' own peaks %.0f; max heap %d MB)%n",
                    peakUsed[0] / 1048576.0, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        }
    }
}
