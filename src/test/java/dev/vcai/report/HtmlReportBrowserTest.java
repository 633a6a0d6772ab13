package dev.vcai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.cli.Main;
import dev.vcai.testing.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vcai analyze --format html} rendered by a real headless Chromium (Debian's, installed by .ci/run), with the
 * network features that would reach out switched off: the page must need nothing but itself.
 */
class HtmlReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void thePageRendersOfflineWithEveryCommitAndEscapesWhatItShows() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
                "Chromium is not installed (.ci/run installs it)");
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.write("src/app.py", "print('hi')\n");
        String first = repo.commit("Add the app");
        repo.write("src/app.py", "print('hello')\n");
        String second = repo.commit("Say <script>alert(1)</script> hello");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"-C", repo.dir().toString(), "analyze", "--format", "html"}, new PrintWriter(out),
                new PrintWriter(err)), err.toString());
        String html = out.toString();
        assertFalse(html.contains("<script"), "a subject cannot inject markup");
        assertFalse(html.matches("(?s).*(src|href)\\s*=.*"), "nothing is loaded from elsewhere");
        Path page = Files.writeString(tmp.resolve("vcai.html"), html);

        String dom = chromium("--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("<h1>vcai <span class=\"verdict CONDITIONAL\">CONDITIONAL</span></h1>"), dom);
        assertTrue(dom.contains(first.substring(0, 10)) && dom.contains(second.substring(0, 10)));
        assertTrue(dom.contains("Say &lt;script&gt;alert(1)&lt;/script&gt; hello"), "shown as text");
        assertTrue(dom.contains("untested-code"), "the reason for the verdict is on the page");

        Path png = tmp.resolve("vcai.png");
        chromium("--screenshot=" + png, "--window-size=1200,800", page.toUri().toString());
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 5_000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', "a rendered PNG: " + image.length);
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, process.exitValue(), "chromium exit code");
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
