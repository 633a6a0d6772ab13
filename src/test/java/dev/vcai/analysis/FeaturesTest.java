package dev.vcai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
