package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vcai.testing.GitRepo;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vcai analyze} end to end: a real repository made with git, the shipped model, the built-in policy. */
class AnalyzeCommandTest {
    @TempDir
    static Path tmp;
    static GitRepo repo;
    static List<String> ids;

    record Run(int exit, String out, String err) {
    }

    static Run vcai(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void history() {
        repo = GitRepo.init(tmp.resolve("project"));
        repo.write("README.md", "# Project\n");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n}\n");
        repo.commit("Initial import");
        repo.write("docs/guide.md", "How to use it.\n\nMore words.\n");
        repo.commit("docs: explain how to use the app");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n    int answer() {\n        return 42;\n    }\n}\n");
        repo.write("src/test/java/app/AppTest.java", "package app;\n\nclass AppTest {\n}\n");
        repo.commit("feat: answer questions");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n    int answer() {\n        return 43;\n    }\n}\n");
        repo.commit("fix: off by one in the answer");
        ids = new ArrayList<>(repo.git("rev-list", "HEAD").lines().toList());
    }

    @Test
    void aCommitTooLargeToReadWholeIsCappedWarnedAndCountedAsTheLargest() throws Exception {
        Run json = vcai("-C", repo.dir().toString(), "analyze", "-n", "2", "--max-patch-bytes", "60", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode feature = new ObjectMapper().readTree(json.out()).get("commits").get(1);
        assertTrue(feature.get("capped").asBoolean(), json.out());
        JsonNode size = null;
        for (JsonNode factor : feature.get("risk").get("factors")) {
            if (factor.get("name").asText().equals("size")) {
                size = factor;
            }
        }
        assertEquals(25.0, size.get("points").asDouble(), "a capped commit counts as the largest: " + size);
        assertTrue(size.get("evidence").asText().startsWith("too large to read whole: at least "), size.toString());

        Run table = vcai("-C", repo.dir().toString(), "analyze", "-n", "2", "--max-patch-bytes", "60");
        assertTrue(table.out().contains("warning: 2 commit(s) too large to read whole ("), table.out());
        Run whole = vcai("-C", repo.dir().toString(), "analyze", "-n", "2");
        assertFalse(whole.out().contains("too large"), whole.out());
    }

    @Test
    void tableShowsEveryCommitNewestFirstWithASummary() {
        Run run = vcai("-C", repo.dir().toString(), "analyze");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("COMMIT") && lines.get(0).contains("VERDICT"), lines.get(0));
        for (int i = 0; i < ids.size(); i++) {
            assertTrue(lines.get(i + 1).startsWith(ids.get(i).substring(0, 10)), lines.get(i + 1));
        }
        assertTrue(run.out().contains("4 commits: "), run.out());
        assertTrue(run.out().contains("Verdict: CONDITIONAL"), "the untested fix makes the range conditional: " + run.out());
    }

    @Test
    void jsonFollowsTheSchemaAndCarriesTheDeclaredType() throws Exception {
        Run run = vcai("analyze", "-C", repo.dir().toString(), "--format", "json", "-n", "3");
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/dev/vcai/report/analysis.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Set<ValidationMessage> problems = schema.validate(report);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(3, report.get("commits").size());
        assertEquals("refs/heads/main", report.get("ref").asText());
        JsonNode fix = report.get("commits").get(0);
        assertEquals(ids.get(0), fix.get("id").asText());
        assertEquals("fix", fix.get("change_type").get("declared").get("type").asText());
        assertEquals("bug_fix", fix.get("change_type").get("declared").get("maps_to").asText());
        assertEquals(fix.get("change_type").get("type").asText().equals("bug_fix"), !fix.get("change_type").get("mismatch").asBoolean());
        assertEquals("CONDITIONAL", fix.get("verdict").asText(), "code changed with no test changed");
        assertEquals(1, fix.get("metrics").get("lines_added").asInt());
        assertEquals(2, fix.get("metrics").get("prior_changes").asInt(), "App.java was changed twice before");
        JsonNode radius = fix.get("blast_radius");
        assertTrue(radius.get("computed").asBoolean());
        assertEquals(0, radius.get("dependent_count").asInt(), "AppTest does not use App");
        assertFalse(radius.get("tests_cover").asBoolean());
        assertEquals("src/", radius.get("changed_modules").get(0).asText());
        JsonNode feature = report.get("commits").get(1);
        assertTrue(feature.get("metrics").get("tests_changed").asBoolean());
    }

    @Test
    void markdownIsATableForPullRequests() {
        Run run = vcai("-C", repo.dir().toString(), "analyze", "--format", "markdown", "HEAD~2..HEAD");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("### vcai: CONDITIONAL"), run.out());
        assertTrue(run.out().contains("| Commit | Subject | Type | Blast radius | Risk | Verdict | Why |"));
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("| `")).count());
        assertTrue(run.out().contains("untested-code"));
    }

    @Test
    void pathsAfterDoubleDashFilterLikeGitLog() throws Exception {
        Run run = vcai("-C", repo.dir().toString(), "analyze", "--format", "json", "--", "docs");
        assertEquals(0, run.exit(), run.err());
        JsonNode commits = new ObjectMapper().readTree(run.out()).get("commits");
        assertEquals(1, commits.size());
        assertEquals(repo.git("rev-list", "HEAD", "--", "docs"), commits.get(0).get("id").asText());
    }

    @Test
    void exitCodeCarriesTheVerdictWhenAsked() throws Exception {
        GitRepo secret = GitRepo.init(tmp.resolve("secret"));
        secret.write("app.py", "print('hi')\n");
        secret.commit("Initial");
                // Split so that this file itself carries no key signature.
        secret.write("deploy/id_rsa", "-----BEGIN OPENSSH " + "PRIVATE KEY-----\nabc\n-----END OPENSSH " + "PRIVATE KEY-----\n");
        secret.commit("add deploy key");
        Run run = vcai("-C", secret.dir().toString(), "analyze", "-n", "1", "--exit-code", "--format", "json");
        assertEquals(ExitCode.BLOCKED.code(), run.exit(), run.err());
        JsonNode commit = new ObjectMapper().readTree(run.out()).get("commits").get(0);
        List<String> failed = new ArrayList<>();
        commit.get("gates").forEach(g -> {
            if (g.get("outcome").asText().equals("failed")) {
                failed.add(g.get("name").asText());
            }
        });
        assertTrue(failed.containsAll(List.of("blocked-paths", "credentials")), failed.toString());
        assertEquals(0, vcai("-C", secret.dir().toString(), "analyze", "-n", "1").exit(), "without --exit-code the verdict is only reported");
        Path lenient = Files.writeString(tmp.resolve("lenient.yaml"), "blocked_paths: []\ncredentials_ignore_paths: [\"deploy/**\"]\n");
        assertEquals(0, vcai("-C", secret.dir().toString(), "analyze", "-n", "1", "--exit-code", "--policy", lenient.toString()).exit(),
                "a policy may exempt fixture paths from the credential and path gates");
        assertEquals(ExitCode.CONDITIONAL.code(), vcai("-C", repo.dir().toString(), "analyze", "-n", "1", "--exit-code").exit());
    }

    /** --ref takes a short tag name; on a detached HEAD without a CI job's variables (CiRefTest) the output says which gates were skipped. */
    @Test
    void aDetachedHeadTakesItsBranchFromTheCiJobOrWarns() throws Exception {
        GitRepo ci = GitRepo.init(tmp.resolve("ci"));
        ci.write("a.txt", "a\n");
        ci.commit("first");
        ci.git("tag", "v1");
        assertEquals("refs/tags/v1", JsonParser.parseString(vcai("-C", ci.dir().toString(), "analyze", "--ref", "v1", "--format", "json",
                "--no-blast-radius").out()).getAsJsonObject().get("ref").getAsString(), "a short tag name is the tag");
        assertEquals("refs/heads/main", JsonParser.parseString(vcai("-C", ci.dir().toString(), "analyze", "--ref", "main", "--format", "json",
                "--no-blast-radius").out()).getAsJsonObject().get("ref").getAsString());

        ci.git("checkout", "-q", "--detach");
        org.junit.jupiter.api.Assumptions.assumeTrue(List.of("TAG_NAME", "CI_COMMIT_TAG", "GITHUB_REF", "BRANCH_NAME", "GIT_BRANCH",
                "CI_COMMIT_REF_NAME").stream().allMatch(v -> System.getenv(v) == null), "this test runs outside a CI job's variables");
        Run run = vcai("-C", ci.dir().toString(), "analyze", "--format", "json", "--no-blast-radius");
        assertEquals(0, run.exit(), run.err());
        String warnings = JsonParser.parseString(run.out()).getAsJsonObject().get("warnings").toString();
        assertTrue(warnings.contains("critical-risk-on-protected") && warnings.contains("were not applied"), warnings);
    }

    /** The Markdown goes into pull requests' comments: a subject shows as written, and mentions nobody. */
    @Test
    void markdownShowsASubjectAsWritten() throws Exception {
        GitRepo hostile = GitRepo.init(tmp.resolve("hostile"));
        hostile.write("a.txt", "a\n");
        hostile.commit("fix: @octocat see **bold** [x](https://evil.example) `code` a|b <b> &lt;i&gt;");
        Run run = vcai("-C", hostile.dir().toString(), "analyze", "--format", "markdown", "--no-blast-radius");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("| fix: @\u2060octocat see \\*\\*bold\\*\\* \\[x\\](https://evil.example) \\`code\\` a\\|b &lt;b&gt; &amp;lt;i&amp;gt; |"), run.out());
    }

    /** As git log: several --author patterns select the commits of any of them. */
    @Test
    void severalAuthors() throws Exception {
        GitRepo team = GitRepo.init(tmp.resolve("team"));
        for (String name : List.of("Ann", "Bob", "Cy")) {
            team.as(name, name.toLowerCase() + "@example.com").write(name + ".txt", name + "\n");
            team.commit("work of " + name);
        }
        Run run = vcai("-C", team.dir().toString(), "analyze", "--author", "ann@", "--author", "^Cy", "--format", "json", "--no-blast-radius");
        assertEquals(0, run.exit(), run.err());
        List<String> subjects = new ArrayList<>();
        JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("commits")
                .forEach(c -> subjects.add(c.getAsJsonObject().get("subject").getAsString()));
        assertEquals(List.of("work of Cy", "work of Ann"), subjects);
    }

    @Test
    void errorsAreOneLineWithTheirExitCode() throws Exception {
        Path notARepo = Files.createDirectories(tmp.resolve("plain"));
        assertError(ExitCode.NOT_A_REPOSITORY, "not a git repository", "-C", notARepo.toString(), "analyze");
        assertError(ExitCode.NOT_A_REPOSITORY, "no such directory", "-C", tmp.resolve("missing").toString(), "analyze");
        assertError(ExitCode.UNKNOWN_REVISION, "unknown revision 'nope'", "-C", repo.dir().toString(), "analyze", "nope");
        assertError(ExitCode.EMPTY_RANGE, "no commits in the range", "-C", repo.dir().toString(), "analyze", "HEAD..HEAD");
        assertError(ExitCode.USAGE, "cannot read the date", "-C", repo.dir().toString(), "analyze", "--since", "the day after never");
        assertError(ExitCode.USAGE, "cannot read the date", "-C", repo.dir().toString(), "analyze", "--until", "the day after never");
        // Every commit of this history is from 2024-01-01 on: git's date bounds, under git's names for them.
        assertError(ExitCode.EMPTY_RANGE, "no commits in the range HEAD --until=", "-C", repo.dir().toString(), "analyze", "--before", "2023-12-31");
        assertEquals(0, vcai("-C", repo.dir().toString(), "analyze", "--after", "2023-12-31", "--until", "2030-01-01").exit());
        assertError(ExitCode.USAGE, "Unknown option", "-C", repo.dir().toString(), "analyze", "--colour");
        assertError(ExitCode.USAGE, "--author: not a regular expression: Unclosed character class in '['", "-C", repo.dir().toString(), "analyze", "--author", "[");
        Path policy = Files.writeString(tmp.resolve("bad-policy.yaml"), "gates: nope\n");
        assertError(ExitCode.INVALID_CONFIG, "'gates' must be a list", "-C", repo.dir().toString(), "analyze", "--policy", policy.toString());
        Path model = Files.writeString(tmp.resolve("model.onnx"), "not a model");
        assertError(ExitCode.MODEL, "not an ONNX model file", "-C", repo.dir().toString(), "analyze", "--model", model.toString());

        Run debug = vcai("-C", repo.dir().toString(), "analyze", "nope", "--debug");
        assertEquals(ExitCode.UNKNOWN_REVISION.code(), debug.exit());
        assertTrue(debug.err().contains("\tat dev.vcai."), "--debug shows the stack trace");
    }

    /** A gate's outcome on a commit, or "absent" when the gate does not apply to the ref. */
    private static String outcome(JsonNode commit, String name) {
        for (JsonNode gate : commit.get("gates")) {
            if (gate.get("name").asText().equals(name)) {
                return gate.get("outcome").asText();
            }
        }
        return "absent";
    }

    private static JsonNode lastCommit(String... args) throws Exception {
        Run run = vcai(args);
        assertTrue(run.exit() == 0, run.err());
        return new ObjectMapper().readTree(run.out()).get("commits").get(0);
    }

    @Test
    void theDefaultGatesDecideOnRealCommits() throws Exception {
        GitRepo gates = GitRepo.init(tmp.resolve("gates")).as("Ann", "ann@example.com");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 60; i++) {
                gates.write("m" + (i % 6) + "/src/F" + i + ".java", "package m;\nclass F" + i + " {\n" + "    int v = " + round + ";\n".repeat(round + 1) + "}\n");
            }
            gates.commit("round " + round);
        }
        // A newcomer's first commit: 60 files in 6 directories, 40 lines each, often changed before, no test. README's
        // risk terms: size 25 + files 10 + subsystems 5 + entropy 5 + untested 10 + hot files 10 + new author 10 = 75.
        gates.as("Bob", "bob@example.com");
        for (int i = 0; i < 60; i++) {
            gates.write("m" + (i % 6) + "/src/F" + i + ".java", "package m;\nclass F" + i + " {\n" + "    int w = 1;\n".repeat(40) + "}\n");
        }
        gates.commit("rework everything");
        String dir = gates.dir().toString();
        JsonNode onMain = lastCommit("-C", dir, "analyze", "-n", "1", "--ref", "refs/heads/main", "--format", "json");
        assertEquals("critical", onMain.get("risk").get("level").asText(), onMain.get("risk").toString());
        assertEquals("failed", outcome(onMain, "critical-risk-on-protected"));
        assertEquals("REJECTED", onMain.get("verdict").asText());
        JsonNode onTopic = lastCommit("-C", dir, "analyze", "-n", "1", "--ref", "refs/heads/topic", "--format", "json");
        assertEquals("absent", outcome(onTopic, "critical-risk-on-protected"), "topic is not a protected branch");
        assertEquals("CONDITIONAL", onTopic.get("verdict").asText());

        gates.as("Ann", "ann@example.com").write("m0/src/F0.java", "package m;\nclass F0 { }\n");
        gates.commit("tidy F0");
        Path policy = Files.writeString(tmp.resolve("critical.yaml"), "critical_modules: [\"m0/\"]\n");
        JsonNode critical = lastCommit("-C", dir, "analyze", "-n", "1", "--ref", "refs/heads/main", "--policy", policy.toString(), "--format", "json");
        assertEquals("failed", outcome(critical, "critical-module-on-protected"));
        assertEquals("REJECTED", critical.get("verdict").asText());
        JsonNode notCritical = lastCommit("-C", dir, "analyze", "-n", "1", "--ref", "refs/heads/main", "--format", "json");
        assertFalse(notCritical.get("verdict").asText().equals("REJECTED"), "no critical module by default: " + notCritical.get("verdict"));

        gates.write("lib/vendor.jar", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, 2});
        gates.commit("vendor a library");
        JsonNode vendored = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertEquals("failed", outcome(vendored, "vendored-binaries"));
        assertEquals("BLOCKED", vendored.get("verdict").asText());

        gates.write("gradle/wrapper/gradle-wrapper.jar", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 9, 8});
        gates.write("gradle/wrapper/gradle-wrapper.properties", "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.10-bin.zip\n");
        gates.commit("Update the Gradle wrapper to 8.10");
        JsonNode wrapper = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertTrue(wrapper.get("files").toString().contains("\"binary\":true"), wrapper.get("files").toString());
        assertEquals("passed", outcome(wrapper, "vendored-binaries"), "a build tool's wrapper jar is not a vendored binary");
        assertFalse(wrapper.get("verdict").asText().equals("BLOCKED"), wrapper.get("gates").toString());
        Path strict = Files.writeString(tmp.resolve("strict.yaml"), "vendored_binaries: [\"*.jar\"]\n");
        JsonNode strictly = lastCommit("-C", dir, "analyze", "-n", "1", "--policy", strict.toString(), "--format", "json");
        assertEquals("BLOCKED", strictly.get("verdict").asText(), "a list of one's own replaces the built-in exceptions");
    }

    @Test
    void aChangeOfCommentsOnlyIsNoUntestedCodeAndReachesNothing() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("comments")).as("Ann", "ann@example.com");
        String money = "package shop;\n\n/** An amount. */\npublic class Money {\n    long cents;\n}\n";
        repo.write("src/shop/Money.java", money);
        repo.write("src/shop/Cart.java", "package shop;\n\nclass Cart {\n    Money total;\n}\n");
        repo.write("src/shop/Till.java", "package shop;\n\nclass Till {\n    Cart cart;\n}\n");
        repo.commit("a shop");
        repo.write("src/shop/Money.java", money.replace("/** An amount. */", "/**\n * An amount of money, in cents.\n */"));
        repo.commit("Say what Money holds");
        String dir = repo.dir().toString();
        JsonNode comments = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertTrue(comments.get("files").get(0).get("comments_only").asBoolean(), comments.get("files").toString());
        assertFalse(comments.get("metrics").get("code_changed").asBoolean());
        assertEquals("passed", outcome(comments, "untested-code"));
        assertEquals(0, comments.get("blast_radius").get("score").asInt(), comments.get("blast_radius").toString());
        assertEquals(0, comments.get("blast_radius").get("dependent_count").asInt());
        assertTrue(comments.get("risk").toString().contains("docs_or_tests_only"), comments.get("risk").toString());
        Run table = vcai("-C", dir, "analyze", "-n", "1");
        assertTrue(table.out().contains("0 (comments only)"), table.out());

        repo.write("src/shop/Money.java", money.replace("long cents;", "long cents;\n    String currency;"));
        repo.commit("Money has a currency");
        JsonNode code = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertFalse(code.get("files").get(0).get("comments_only").asBoolean());
        assertTrue(code.get("metrics").get("code_changed").asBoolean());
        assertEquals("failed", outcome(code, "untested-code"));
        assertEquals(2, code.get("blast_radius").get("dependent_count").asInt(), "Cart uses Money, Till uses Cart: " + code.get("blast_radius"));
        assertTrue(code.get("blast_radius").get("score").asInt() > 0);
    }

    /** Rust's unit tests live in the file they test: code changed with a test beside it is tested code. */
    @Test
    void rustTestsWrittenBesideTheCodeCountAsTestsChanged() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("rust")).as("Ann", "ann@example.com");
        String code = "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n";
        repo.write("src/lib.rs", code);
        repo.commit("an adder");
        repo.write("src/lib.rs", code.replace("a + b", "a.wrapping_add(b)"));
        repo.commit("Add without overflow");
        String dir = repo.dir().toString();
        JsonNode untested = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertFalse(untested.get("files").get(0).get("changes_tests").asBoolean());
        assertFalse(untested.get("metrics").get("tests_changed").asBoolean());
        assertEquals("failed", outcome(untested, "untested-code"));

        repo.write("src/lib.rs", code.replace("a + b", "a.saturating_add(b)")
                + "\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn saturates() {\n        assert_eq!(super::add(i32::MAX, 1), i32::MAX);\n    }\n}\n");
        repo.commit("Saturate instead, with a test");
        JsonNode tested = lastCommit("-C", dir, "analyze", "-n", "1", "--format", "json");
        assertTrue(tested.get("files").get(0).get("changes_tests").asBoolean(), tested.get("files").toString());
        assertTrue(tested.get("metrics").get("tests_changed").asBoolean());
        assertTrue(tested.get("metrics").get("code_changed").asBoolean());
        assertEquals("passed", outcome(tested, "untested-code"));
    }

    @Test
    void aDamagedRepositoryIsAOneLineErrorWithItsExitCode() throws Exception {
        GitRepo source = GitRepo.init(tmp.resolve("damaged-source"));
        source.write("a.txt", "one\n");
        source.commit("one");
        source.write("a.txt", "two\n");
        source.commit("two");

        Path shallow = tmp.resolve("shallow");
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", "--depth", "1", source.dir().toUri().toString(), shallow.toString()).requireSuccess();
        assertError(ExitCode.SHALLOW_BOUNDARY, "shallow clone's boundary", "-C", shallow.toString(), "analyze");

        Path corrupt = tmp.resolve("corrupt");
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", "--no-local", source.dir().toString(), corrupt.toString()).requireSuccess();
        String blob = GitRepo.at(corrupt).git("rev-parse", "HEAD:a.txt").strip();
        Path pack;
        try (var packs = Files.list(corrupt.resolve(".git/objects/pack"))) {
            pack = packs.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
        byte[] packed = Files.readAllBytes(pack);
        Files.delete(pack);
        Files.delete(Path.of(pack.toString().replace(".pack", ".idx")));
        GitRepo.run(corrupt, Map.of(), packed, "unpack-objects", "-q").requireSuccess(); // every object loose
        Path loose = corrupt.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        loose.toFile().setWritable(true);
        Files.write(loose, new byte[] {0x78, 0x01, 0x2b}); // the start of a zlib stream, cut short
        assertError(ExitCode.CORRUPT_OBJECT, "git fsck", "-C", corrupt.toString(), "analyze", "-n", "1");

        Files.writeString(source.dir().resolve(".git/config"), "[core\n\tbare = \"unterminated\n");
        assertError(ExitCode.INVALID_CONFIG, "git config --edit", "-C", source.dir().toString(), "analyze");
    }

    private static void assertError(ExitCode expected, String message, String... args) {
        Run run = vcai(args);
        assertEquals(expected.code(), run.exit(), run.err());
        assertTrue(run.err().startsWith("vcai: ") && run.err().contains(message), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --debug: " + run.err());
        assertTrue(run.out().isEmpty() || expected == ExitCode.USAGE, run.out());
    }
}
