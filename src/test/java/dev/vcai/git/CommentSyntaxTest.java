package dev.vcai.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommentSyntaxTest {
    private static boolean same(String path, String old, String now) {
        return CommentSyntax.of(path).sameCode(bytes(old), bytes(now));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void languagesByExtension() {
        assertEquals(CommentSyntax.C, CommentSyntax.of("src/main/java/a/B.java"));
        assertEquals(CommentSyntax.C_NESTING, CommentSyntax.of("app/build.gradle.kts"));
        assertEquals(CommentSyntax.GO, CommentSyntax.of("context.go"));
        assertEquals(CommentSyntax.SCRIPT, CommentSyntax.of("src/App.TSX"));
        assertEquals(CommentSyntax.PYTHON, CommentSyntax.of("src/flask/app.py"));
        assertNull(CommentSyntax.of("README.md"));
        assertNull(CommentSyntax.of("Makefile"));
        assertNull(CommentSyntax.of(".java"));
    }

    @Test
    void commentsAndBlankLinesAreNotCode() {
        String java = "package a;\n\n/** Says hello. */\nclass B {\n    int x = 1; // one\n}\n";
        assertTrue(same("B.java", java, "package a;\n\n/**\n * Says hello, politely.\n */\nclass B {\n\n    int x = 1; // the first\n}\n"));
        assertTrue(same("B.java", java, "// Copyright 2026\npackage a;\nclass B {\n    int x = 1;\n}\n"), "a licence header added");
        assertTrue(same("B.java", java, java.replace("\n", "\r\n")), "line ends are blanks");
        assertTrue(same("a.py", "import os\n# old\nx = 1  # one\n", "import os\n\n# new, longer\nx = 1  # two\n"));
        assertTrue(same("a.go", "package a\n/* block\n   old */\nfunc f() {}\n", "package a\n/* block\n   new */\nfunc f() {}\n"));
    }

    @Test
    void codeChangesAreCode() {
        String java = "class B {\n    int x = 1;\n    int y = 2;\n}\n";
        assertFalse(same("B.java", java, "class B {\n    int x = 1;\n    // int y = 2;\n}\n"), "code commented out");
        assertFalse(same("B.java", java, "class B {\n/*\n    int x = 1;\n*/\n    int y = 2;\n}\n"), "a block comment around code");
        assertFalse(same("B.java", java, "class B {\n    int x = 1\n        * 3;\n    int y = 2;\n}\n"), "a line starting with * is code");
        assertFalse(same("B.java", java, "class B {\n  int x = 1;\n  int y = 2;\n}\n"), "re-indented");
        assertFalse(same("a.py", "if a:\n    b()\nc()\n", "if a:\n    b()\n    c()\n"), "Python's indentation is code");
        assertFalse(same("a.py", "def f():\n    \"\"\"Old.\"\"\"\n", "def f():\n    \"\"\"New.\"\"\"\n"), "a docstring is a string");
    }

    @Test
    void markersInsideStringsAreCode() {
        assertFalse(same("B.java", "String u = \"http://a\";\n", "String u = \"http://b\";\n"));
        assertFalse(same("B.java", "String s = \"/* x\";\nint a = 1;\nString t = \"*/\";\n", "String s = \"/* x\";\nint a = 2;\nString t = \"*/\";\n"));
        assertFalse(same("B.java", "String s = \"\"\"\n  // one\n  \"\"\";\n", "String s = \"\"\"\n  // two\n  \"\"\";\n"), "a text block");
        assertFalse(same("B.java", "String s = \"\"\"\n  a\n\n  b\"\"\";\n", "String s = \"\"\"\n  a\n  b\"\"\";\n"), "a blank line in a text block");
        assertFalse(same("a.ts", "const s = `\n// one\n`;\n", "const s = `\n// two\n`;\n"), "a template literal");
        assertFalse(same("a.go", "var s = `\n// one\n`\n", "var s = `\n// two\n`\n"), "a raw string");
        assertFalse(same("a.js", "const re = /\\/*x/;\nf(1);\n// */\n", "const re = /\\/*x/;\nf(2);\n// */\n"), "a regular expression");
        assertFalse(same("a.py", "s = '# one'\n", "s = '# two'\n"));
        assertTrue(same("a.js", "const a = b / c; // one\n", "const a = b / c; // two\n"), "a division is no regular expression");
        assertTrue(same("lib.rs", "fn f<'a>(x: &'a str) {} // one\n", "fn f<'a>(x: &'a str) {} // two\n"), "lifetimes");
        assertTrue(same("A.kt", "/* outer /* inner */ still */\nval x = 1\n", "/* outer /* inner, edited */ still */\nval x = 1\n"), "Kotlin nests");
    }

    @Test
    void commentsThatToolsReadAreCode() {
        assertFalse(same("a.go", "//go:build linux\npackage a\n", "//go:build darwin\npackage a\n"));
        assertFalse(same("a.go", "// +build linux\n\npackage a\n", "// +build darwin\n\npackage a\n"));
        assertFalse(same("a.go", "package a\n// #include <a.h>\nimport \"C\"\n", "package a\n// #include <b.h>\nimport \"C\"\n"), "cgo");
        assertFalse(same("a.ts", "/// <reference path=\"a.d.ts\" />\nlet x = 1;\n", "/// <reference path=\"b.d.ts\" />\nlet x = 1;\n"));
        assertFalse(same("a.ts", "// @ts-ignore\nf();\n", "f();\n"));
        assertFalse(same("a.js", "const x = /*#__PURE__*/ f();\n", "const x = f();\n"));
        assertFalse(same("a.py", "#!/usr/bin/python2\nx = 1\n", "#!/usr/bin/python3\nx = 1\n"));
        assertFalse(same("a.py", "# -*- coding: latin-1 -*-\nx = 1\n", "# -*- coding: utf-8 -*-\nx = 1\n"));
        assertFalse(same("a.py", "x = []  # type: list[int]\n", "x = []  # type: list[str]\n"));
        assertTrue(same("a.py", "x = 1\n# coding is fun\n", "x = 1\n# coding is hard\n"), "a coding line only at the top");
    }

    @Test
    void aChangedLineMayBeACommentWhenBlankStarredOrMarked() {
        CommentSyntax java = CommentSyntax.C;
        assertTrue(mayBe(java, "   "));
        assertTrue(mayBe(java, "     * continued"));
        assertTrue(mayBe(java, "  int x = 1; // why"));
        assertTrue(mayBe(java, "/* a */"));
        assertFalse(mayBe(java, "  int x = 1;"));
        assertFalse(mayBe(java, "  # not a Java comment"));
        assertTrue(mayBe(CommentSyntax.PYTHON, "x = 1  # why"));
        assertFalse(mayBe(CommentSyntax.PYTHON, "x = a * b // c"));
    }

    private static boolean mayBe(CommentSyntax syntax, String line) {
        byte[] bytes = bytes(line);
        return syntax.mayBeComment(bytes, 0, bytes.length);
    }
}
