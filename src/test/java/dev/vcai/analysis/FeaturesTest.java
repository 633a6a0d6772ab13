package dev.vcai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.model.Dataset;
import dev.vcai.model.LabelledCommit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shape of a patch as the change-type model reads it. */
class FeaturesTest {
    private static Map<String, Float> features(String subject, String patch, ChangedFile... files) {
        return Features.of(FactsBuilder.of("c".repeat(40), subject, "", "A", "a@example.com", Instant.EPOCH, 1,
                List.of(files), patch, false, FactsBuilder.HistoryMetrics.NONE));
    }

    private static ChangedFile file(String path, int added, int deleted) {
        return ChangedFile.of(path, null, 'M', added, deleted, false, false, false, 0);
    }

    @Test
    void newCodeBesideTheOldIsHunksOfAddedLinesWithDeclarations() {
        String patch = """
                diff --git a/src/parser.ts b/src/parser.ts
                index 1111111..2222222 100644
                --- a/src/parser.ts
                +++ b/src/parser.ts
                @@ -10,2 +10,6 @@ export class Parser {
                 }
                +
                +export function parseList(text: string): string[] {
                +  return text.split(",");
                +}
                """;
        Map<String, Float> f = features("add list parsing", patch, file("src/parser.ts", 4, 0));
        assertEquals(1f, f.get("h:pure_added"));
        assertEquals(0f, f.get("h:mixed"));
        assertEquals(1f, f.get("h:le1"));
        assertEquals(1f, f.get("decl+:le1"));
        assertEquals(1f, f.get("decl-:le0"));
        assertEquals(1f, f.get("vk:add_source"));
        assertEquals(1f / Math.sqrt(3), f.get("sk:pars_source"), 1e-6, "each subject word with the kind, as one group of unit length");
    }

    @Test
    void aLineChangedInPlaceUnderANewConditionIsAMixedHunkWithAGuard() {
        String patch = """
                diff --git a/src/config/loader.go b/src/config/loader.go
                index 1111111..2222222 100644
                --- a/src/config/loader.go
                +++ b/src/config/loader.go
                @@ -20,3 +20,5 @@ func Load(path string) (*Config, error) {
                -	return parse(data)
                +	if len(data) == 0 {
                +		return nil, ErrEmpty
                +	}
                +	return parse(data)
                @@ -40 +42 @@ func Save(c *Config) error {
                -	return write(c)
                +	return write(c, 0o600)
                diff --git a/README.md b/README.md
                index 3333333..4444444 100644
                --- a/README.md
                +++ b/README.md
                @@ -1,2 +1 @@
                -Old notes.
                 Loader docs.
                """;
        Map<String, Float> f = features("fix crash on an empty config file", patch,
                file("src/config/loader.go", 5, 2), file("README.md", 0, 1));
        assertEquals(2f / 3, f.get("h:mixed"), 1e-6);
        assertEquals(1f / 3, f.get("h:pure_deleted"), 1e-6);
        assertEquals(1f, f.get("h:le4"));
        assertEquals(1f, f.get("guard+:le1"));
        assertEquals(1f, f.get("decl+:le0"));
        assertEquals(1f, f.get("vk:fix_source"), "the verb is read with the kind of file holding most changed lines");
    }

    @Test
    void subjectWordsAreAlsoReadAsStems() {
        Map<String, Float> f = features("Fixed crashes when parsing", "", file("src/parser.ts", 3, 1));
        assertTrue(f.containsKey("s:crashes") && f.containsKey("ss:crash") && f.containsKey("ss:fix") && f.containsKey("ss:pars"), f.toString());
        assertFalse(f.containsKey("ss:when"), "a word that is its own stem is not counted twice");
    }

    @Test
    void noPatchNoHunkFeatures() {
        Map<String, Float> f = features("update the logo", "", ChangedFile.of("logo.png", null, 'M', -1, -1, true, false, false, 0));
        assertFalse(f.keySet().stream().anyMatch(k -> k.startsWith("h:") || k.startsWith("decl") || k.startsWith("guard+:")), f.toString());
        assertEquals(1f, f.get("vk:updat_asset"));
    }

    /** The cues' patterns as they were first written, matched with find() at every position: the predicates' oracle. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^(export\\s+)?(default\\s+)?((public|private|protected|internal|static|abstract|final|async|override|pub(\\([a-z]+\\))?)\\s+)*"
                    + "(def|func|fn|function|class|interface|enum|struct|trait|impl|record)\\b"
                    + "|^(public|private|protected)\\s+[\\w<>\\[\\],. ?]+\\s+\\w+\\s*\\(");
    private static final Pattern GUARD = Pattern.compile(
            "^(\\}\\s*)?(if|else|elif|unless|guard|try|catch|except|finally)\\b|\\?\\.|\\?\\?|!= null|!== undefined|=== undefined|is None"
                    + "|is not None|== nil|!= nil|\\.is_none\\(|\\.is_some\\(");
    private static final Pattern VERSION_LINE = Pattern.compile(
            "[\"'=:@ ]\\s*[\\^~>=v]*\\d+\\.\\d+\\.\\d+|<version>|^version\\s*[=:]|\\bv\\d+\\.\\d+\\.\\d+|@sha256:|\\b[0-9a-f]{40}\\b");

    @Test
    void lineCuesAnswerAsTheirPatternsOnEveryChangedLineOfFourRepositoriesOfTheDataSet() throws IOException {
        List<String> lines = new ArrayList<>(List.of("class A", "x class A", "public static int size(", "  public int f(",
                "} else {", "}else", "iffy()", "a?.b", "x ?? y", "return x is not None", "if err != nil {", "v.is_none()",
                "version = \"1\"", "<version>2</version>", "x version: 3", "image@sha256:ab",
                "ref: " + "abcdefabcd".repeat(4), "ref: " + "abcdef".repeat(7), "ref: " + "abcdef".repeat(6),
                "\"lib\": \"^1.2.3\"", "v1.2.3", "uv1.2.3", "1.2", ""));
        for (LabelledCommit commit : Dataset.read(Dataset.files(Path.of(System.getProperty("vcai.datasets", "../shared/datasets"))),
                Set.of("googleapis/java-storage", "go-kratos/kratos", "ratatui-org/ratatui", "conventional-changelog/commitlint")::contains)) {
            for (String line : commit.facts().patchSample().split("\n")) {
                if (line.startsWith("+") || line.startsWith("-")) {
                    lines.add(line.substring(1).strip());
                }
            }
        }
        int declarations = 0;
        int guards = 0;
        int versions = 0;
        for (String line : lines) {
            boolean declaration = DECLARATION.matcher(line).find();
            boolean guard = GUARD.matcher(line).find();
            boolean version = VERSION_LINE.matcher(line).find();
            assertEquals(declaration, Features.isDeclaration(line), line);
            assertEquals(guard, Features.isGuard(line), line);
            assertEquals(version, Features.isVersionLine(line), line);
            declarations += declaration ? 1 : 0;
            guards += guard ? 1 : 0;
            versions += version ? 1 : 0;
        }
        assertTrue(lines.size() > 100_000, lines.size() + " lines");
        assertTrue(declarations > 1000 && guards > 1000 && versions > 1000, declarations + " " + guards + " " + versions);
    }
}
