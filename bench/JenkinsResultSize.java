import dev.vcai.jenkins.JenkinsAnalysis;
import dev.vcai.jenkins.JenkinsResult;
import dev.vcai.jenkins.JenkinsSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * What travels from a Jenkins agent to the controller: the size of the plugin's result (JenkinsResult JSON) for the
 * last N commits of a repository, and how long the plugin's one call takes (model load included), best of K runs.
 * Run by bench/jenkins-result.sh, which sets the peers beside it.
 */
public class JenkinsResultSize {
    public static void main(String[] args) {
        Path repo = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        JenkinsSettings settings = new JenkinsSettings(null, null, JenkinsSettings.DEFAULTS.timeout(), false, null, commits);
        long best = Long.MAX_VALUE;
        JenkinsResult result = null;
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            result = JenkinsAnalysis.builder(repo).environment(Map.of()).settings(settings).build().run();
            long took = System.nanoTime() - start;
            if (i > 0) {
                best = Math.min(best, took);
            }
        }
        if (!result.analysed()) {
            System.err.println("vcai: " + result.error());
            System.exit(1);
        }
        System.out.println("result_commits " + result.summary().commits().size());
        System.out.println("result_bytes " + result.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        System.out.println("result_ms " + best / 1_000_000);
    }
}
