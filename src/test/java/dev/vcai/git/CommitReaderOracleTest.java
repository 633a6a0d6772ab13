package dev.vcai.git;

import static dev.vcai.git.GitOracle.numstat;
import static dev.vcai.git.GitOracle.numstatOf;
import static dev.vcai.git.GitOracle.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.git.GitOracle.Numstat;
import dev.vcai.testing.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history full of awkward content, read whole and compared commit by commit with
 * {@code git log --numstat -M --diff-merges=first-parent}.
 */
class CommitReaderOracleTest {
    private static String lines(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i + "\n").collect(Collectors.joining());
    }

    private static Map<String, List<Numstat>> sorted(Map<String, List<Numstat>> commits) {
        Map<String, List<Numstat>> sorted = new LinkedHashMap<>();
        commits.forEach((id, files) -> sorted.put(id,
                files.stream().sorted(Comparator.comparing(Numstat::path).thenComparing(n -> String.valueOf(n.oldPath()))).toList()));
        return sorted;
    }

    private static void assertSameAsGit(GitRepo repo) throws GitError {
        Map<String, List<Numstat>> expected = sorted(numstat(repo, "HEAD"));
        Map<String, List<Numstat>> actual = new LinkedHashMap<>();
        for (CommitDiff commit : read(repo, LogQuery.of()).commits()) {
            actual.put(commit.id(), numstatOf(commit));
        }
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), "commits");
        List<String> differences = new ArrayList<>();
        Map<String, List<Numstat>> mine = sorted(actual);
        for (String id : expected.keySet()) {
            if (!expected.get(id).equals(mine.get(id))) {
                differences.add(repo.git("log", "-1", "--format=%s", id) + ": git " + expected.get(id) + " vcai " + mine.get(id));
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void awkwardContent(@TempDir Path tmp) throws GitError {
        GitRepo repo = GitRepo.init(tmp);
        repo.write("schema.sql", "-- the schema\n--- dashes\ncreate table t (id int);\n++ plus\n");
        repo.write("crlf.txt", "one\r\ntwo\r\nthree\r\n");
        repo.write("empty.txt", "");
        repo.write("spaces.txt", "a b\nc d\n");
        repo.write("diff.txt", "diff --git a/x b/x\n@@ -1 +1 @@\nBinary files a and b differ\n");
        repo.commit("root");

        repo.write("schema.sql", "--- dashes\ncreate table t (id bigint);\n+++ more plus\n");
        repo.write("crlf.txt", "one\r\n2\r\nthree\r\nfour\r\n");
        repo.write("spaces.txt", "a  b\nc d \n");
        repo.write("diff.txt", "diff --git a/y b/y\n@@ -1 +1 @@\nBinary files c and d differ\n+++ b/z\n");
        repo.commit("edit awkward lines");

        repo.write("empty.txt", "now\n");
        repo.write("src/Big.java", lines("int x", 60));
        repo.commit("fill");

        repo.delete("src/Big.java");
        repo.write("src/One.java", lines("int x", 60));
        repo.write("src/Two.java", lines("int x", 60));
        repo.commit("one source, two destinations");

        repo.git("mv", "src", "lib");
        repo.write("lib/One.java", lines("int x", 60).replace("int x 30\n", "int y 30\n"));
        repo.commit("move a directory");

        repo.write("mac.txt", "classic\rmac\rline endings\r".getBytes(StandardCharsets.US_ASCII));
        repo.commit("lone CR");
        repo.write("mac.txt", "classic\rmac\rline endings changed\r".getBytes(StandardCharsets.US_ASCII));
        repo.commit("lone CR edited");

        repo.git("checkout", "-q", "-b", "side");
        repo.write("side.txt", lines("s", 3));
        repo.write("schema.sql", "--- dashes\ncreate table t (id bigint, name text);\n+++ more plus\n");
        repo.commit("side");
        repo.git("checkout", "-q", "main");
        repo.write("crlf.txt", "one\r\n2\r\n");
        repo.commit("main");
        repo.gitCommit("merge", "-q", "--no-ff", "-m", "merge", "side");

        assertSameAsGit(repo);
    }
}
