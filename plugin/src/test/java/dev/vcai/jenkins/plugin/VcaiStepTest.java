package dev.vcai.jenkins.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.jenkins.JenkinsResult;
import dev.vcai.policy.Verdict;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.plugins.git.BranchSpec;
import hudson.plugins.git.GitSCM;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The plugin in a real Jenkins: a freestyle job and a Pipeline job that check out a real git repository. */
@WithJenkins
class VcaiStepTest {
    @TempDir
    Path tmp;

    @Test
    void aFreestyleBuildIsAnnotatedAndUnstableWhenConditionalAndTheNextBuildAnalysesOnlyItsNewCommits(JenkinsRule j) throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.commit("Add the readme", Map.of("README.md", "# app\n"));
        String first = repo.commit("Add the answer", Map.of("src/main/java/App.java", "class App { int answer() { return 42; } }\n"));

        FreeStyleProject project = j.createFreeStyleProject("app");
        project.setScm(new GitSCM(GitSCM.createRepoList(repo.url(), null), List.of(new BranchSpec("*/main")), null, null, List.of()));
        VcaiStep step = new VcaiStep();
        step.setSetBuildResult(true);
        project.getBuildersList().add(step);

        FreeStyleBuild build = j.buildAndAssertStatus(Result.UNSTABLE, project);
        VcaiBuildAction action = build.getAction(VcaiBuildAction.class);
        assertNotNull(action);
        JenkinsResult result = action.getResult();
        assertEquals(Verdict.CONDITIONAL, result.verdict(), "code without a test");
        assertEquals(first, result.tip());
        assertEquals("CONDITIONAL", action.getBadge().text());
        j.assertLogContains("vcai: " + first + " (refs/heads/main): 2 commits", build);

        HtmlPage page = j.createWebClient().getPage(build);
        String html = page.getWebResponse().getContentAsString();
        assertTrue(html.contains("class=\"vcai-summary\""), "the summary is on the build page");
        assertTrue(html.contains(first.substring(0, 10)));
        String report = j.createWebClient().getPage(build, "vcai").getWebResponse().getContentAsString();
        assertTrue(report.contains("untested-code"), "the report page names the reason");

        String second = repo.commit("Test the answer", Map.of("src/test/java/AppTest.java", "class AppTest { void t() { new App().answer(); } }\n"));
        FreeStyleBuild next = j.buildAndAssertSuccess(project);
        JenkinsResult nextResult = next.getAction(VcaiBuildAction.class).getResult();
        assertEquals(first + ".." + second, nextResult.range(), "only the new commit");
        assertEquals(Verdict.APPROVED, nextResult.verdict());

        VcaiJobAction trend = project.getAction(VcaiJobAction.class);
        assertNotNull(trend, "the job shows the trend of its last successful build's analyses");
        assertTrue(trend.isTrendVisible());
        assertTrue(trend.getBuildTrendModel().contains("\"buildNumbers\":[1,2]"), trend.getBuildTrendModel());
    }

    @Test
    void aPipelineWithAGatesFileFailsOnABlockedCommit(JenkinsRule j) throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.commit("Add the gates", Map.of("gates.yaml", "blocked_paths: ['**/*.env']\n", "README.md", "# app\n"));
        repo.commit("Add the environment", Map.of("config/app.env", "PASSWORD=x\n"));

        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  def vars = checkout([$class: 'GitSCM', branches: [[name: '*/main']], userRemoteConfigs: [[url: '" + repo.url() + "']]])\n"
                + "  withEnv([\"GIT_COMMIT=${vars.GIT_COMMIT}\", \"GIT_BRANCH=${vars.GIT_BRANCH}\"]) {\n"
                + "    vcaiAnalyze gatesFile: 'gates.yaml', setBuildResult: true\n"
                + "  }\n"
                + "}\n", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);
        VcaiBuildAction action = run.getAction(VcaiBuildAction.class);
        assertNotNull(action);
        assertEquals(Verdict.BLOCKED, action.getResult().verdict());
        assertEquals("BLOCKED", action.getBadge().text());
        assertEquals("symbol-lock-closed", action.getBadge().icon());
        j.assertLogContains("Verdict: BLOCKED (blocked-paths x1", run);
    }

    @Test
    void aFailedAnalysisIsFailOpenUnlessTheStepSaysFailClosed(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-repository");
        job.setDefinition(new CpsFlowDefinition("node { vcaiAnalyze setBuildResult: true }", true));
        WorkflowRun open = j.buildAndAssertSuccess(job);
        assertFalse(open.getAction(VcaiBuildAction.class).getResult().analysed());
        assertEquals("vcai error", open.getAction(VcaiBuildAction.class).getBadge().text());
        j.assertLogContains("(fail-open: the build goes on)", open);

        job.setDefinition(new CpsFlowDefinition("node { vcaiAnalyze failClosed: true }", true));
        WorkflowRun closed = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("(fail-closed: the build fails)", closed);
    }

    @Test
    void theStepAndTheGlobalConfigurationSurviveTheirForms(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        VcaiStep step = new VcaiStep();
        step.setRange("origin/main..HEAD");
        step.setGatesFile("ci/gates.yaml");
        step.setSetBuildResult(true);
        step.setPublishChecks(false);
        project.getBuildersList().add(step);
        j.configRoundtrip(project);
        j.assertEqualDataBoundBeans(step, project.getBuildersList().get(VcaiStep.class));

        VcaiGlobalConfiguration config = VcaiGlobalConfiguration.get();
        config.setTritonEndpoint("triton.example.com:8001");
        config.setTimeoutSeconds(60);
        config.setFailClosed(true);
        config.setGatesFile("/etc/vcai/policy.yaml");
        j.configRoundtrip();
        assertEquals("triton.example.com:8001", VcaiGlobalConfiguration.get().getTritonEndpoint());
        assertEquals(60, VcaiGlobalConfiguration.get().getTimeoutSeconds());
        assertTrue(VcaiGlobalConfiguration.get().isFailClosed());
        assertEquals("/etc/vcai/policy.yaml", VcaiGlobalConfiguration.get().getGatesFile());
    }
}
