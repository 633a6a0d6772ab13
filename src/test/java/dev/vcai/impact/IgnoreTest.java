package dev.vcai.impact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreTest {
    private final Ignore ignore = new Ignore(List.of("node_modules", "*.egg-info", "src/generated/", "tools/*/out"));

    @Test
    void aPlainNameIsADirectoryAnywhere() {
        assertTrue(ignore.ignoresDirectory("node_modules"));
        assertTrue(ignore.ignoresDirectory("web/node_modules"));
        assertTrue(ignore.ignores("web/node_modules/left-pad/index.js"));
        assertFalse(ignore.ignores("web/node_modules.js"), "a file of that name is not a directory");
        assertFalse(ignore.ignoresDirectory("web/my_node_modules"));
    }

    @Test
    void aGlobWithoutSlashMatchesOneSegment() {
        assertTrue(ignore.ignoresDirectory("pkg/acme.egg-info"));
        assertTrue(ignore.ignores("acme.egg-info/PKG-INFO"));
        assertFalse(ignore.ignores("acme.egg-info.py"));
    }

    @Test
    void aPatternWithASlashIsAPrefixFromTheRoot() {
        assertTrue(ignore.ignoresDirectory("src/generated"));
        assertTrue(ignore.ignores("src/generated/a/B.java"));
        assertFalse(ignore.ignoresDirectory("src"), "only what is under the prefix");
        assertFalse(ignore.ignores("lib/src/generated/B.java"), "from the root only");
        assertFalse(ignore.ignores("src/generated.java"));
        assertTrue(ignore.ignores("tools/gen/out/x.java"), "a star is one segment");
        assertFalse(ignore.ignores("tools/a/b/out/x.java"));
    }
}
