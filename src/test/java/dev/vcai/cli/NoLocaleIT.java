package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.vcai.testing.GitRepo;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git hooks run by sshd or a service, and Jenkins agents, often have no locale at all; Java 17 then takes ASCII for
 * its default charset. vcai's output is UTF-8 all the same: a subject, an author or an error naming a path keeps its
 * letters instead of turning them into question marks.
 */
class NoLocaleIT {
    @TempDir
    Path tmp;

    private int runWithoutLocale(List<String> args, Path stdout, Path stderr) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(args).directory(tmp.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("HOME", tmp.toString());
        return builder.start().waitFor();
    }

    @Test
    void outputIsUtf8WithoutALocale() throws Exception {
        assertTrue(Files.isRegularFile(ProgressBarIT.JAR), "run with 'mvn verify': the test needs " + ProgressBarIT.JAR);
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.write("menu.txt", "crème brûlée\n");
        repo.commit("feat: add the café's menu");
        Path json = tmp.resolve("out.json");
        Path stderr = tmp.resolve("err.txt");
        List<String> jar = List.of(ProgressBarIT.JAVA, "-jar", ProgressBarIT.JAR.toString());
        int code = runWithoutLocale(concat(jar, "analyze", "-C", repo.dir().toString(), "--format", "json"), json, stderr);
        assertEquals(0, code, read(stderr));
        String subject = JsonParser.parseString(read(json)).getAsJsonObject().getAsJsonArray("commits").get(0)
                .getAsJsonObject().get("subject").getAsString();
        assertEquals("feat: add the café's menu", subject);

        Path table = tmp.resolve("table.txt");
        assertEquals(0, runWithoutLocale(concat(jar, "analyze", "-C", repo.dir().toString()), table, stderr));
        assertTrue(read(table).contains("add the café's menu"), read(table));
    }

    /** Java decodes its arguments by the locale before vcai sees them: the launcher gives it a UTF-8 one when there is none. */
    @Test
    void theLauncherPassesArgumentsWithoutALocale() throws Exception {
        Path launcher = ProgressBarIT.JAR.resolveSibling("vcai");
        assertTrue(Files.isExecutable(launcher), "run with 'mvn verify': the test needs " + launcher);
        GitRepo repo = GitRepo.init(tmp.resolve("café"));
        repo.write("a.txt", "a\n");
        repo.commit("first");
        Path table = tmp.resolve("table.txt");
        Path stderr = tmp.resolve("err.txt");
        assertEquals(0, runWithoutLocale(List.of(launcher.toString(), "analyze", "-C", repo.dir().toString()), table, stderr), read(stderr));
        assertTrue(read(table).contains("first"), read(table));

        assertEquals(3, runWithoutLocale(List.of(launcher.toString(), "analyze", "-C", tmp.resolve("no-café").toString()), table, stderr));
        assertTrue(read(stderr).contains("no-café"), "the error names the path as given: " + read(stderr));
    }

    private static List<String> concat(List<String> command, String... args) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
