package dev.vcai.impact.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceReaderTest {
    private static SourceFacts read(String path, String source) {
        return SourceReader.read(path, source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void javaImportsOfEveryKindAndTheNamesItUses() {
        SourceFacts facts = read("A.java", """
                package com.acme.app;
                import com.acme.core.Money;
                import static com.acme.core.Rates.rate;
                import static com.acme.util.Strings.*;
                import com.acme.api.*;
                // import com.acme.ghost.Commented;
                /** {@link com.acme.ghost.InDoc} */
                public class A {
                    String s = "import com.acme.ghost.InString;";
                    Prices p = Helper.make(Money.ZERO);
                }
                """);
        assertEquals(List.of("package:com.acme.app", "type:A"), facts.declared());
        assertEquals(List.of("import:com.acme.core.Money", "static:com.acme.core.Rates.rate", "staticwild:com.acme.util.Strings",
                "wild:com.acme.api", "use:String", "use:Prices", "use:Helper", "use:Money"), facts.imports());
        assertTrue(facts.parsed());
    }

    @Test
    void javaThatDoesNotParseStillHasItsFacts() {
        SourceFacts facts = read("B.java", """
                package p;
                import q.Real; // import q.Ghost;
                class B { void broken( { Real r; }
                """);
        assertEquals(List.of("package:p", "type:B"), facts.declared());
        assertEquals(List.of("import:q.Real", "use:Real"), facts.imports());
    }

    @Test
    void javaTextBlocksCharLiteralsUnicodeEscapesAndQualifiedNames() {
        SourceFacts facts = read("C.java", """
                @Deprecated
                package p;
                import q.Real;
                public @interface C {
                    String doc = \"""
                        import q.Ghost; "quoted" \\\""" Ghost2
                        \""";
                    char quote = '"'; String after = "Ghost3";
                    com.acme.core.Money money = com.acme.util.Money2.ZERO;
                    java.util.List<Real> list = \\u0055tf.make(); // \\u000A Escaped x;
                    int n = 0x1F + .5e3 + list.size();
                }
                """);
        assertEquals(List.of("package:p", "type:C"), facts.declared());
        assertEquals(List.of("import:q.Real", "use:Deprecated", "use:String", "use:com.acme.core.Money", "use:com.acme.util.Money2.ZERO",
                "use:java.util.List", "use:Real", "use:Utf", "use:Escaped"), facts.imports());
    }

    @Test
    void javaWithACharacterJavaDoesNotAllowStillHasItsFacts() {
        SourceFacts facts = read("D.java", """
                package p;
                import q.Real;
                class D { Real r; # not java }
                """);
        assertEquals(List.of("package:p", "type:D"), facts.declared());
        assertEquals(List.of("import:q.Real", "use:Real"), facts.imports());
        assertTrue(facts.parsed());
    }

    @Test
    void kotlinNestedCommentsRawStringsAndTopLevelDeclarations() {
        SourceFacts facts = read("G.kt", """
                package org.ex.lib
                /* outer /* nested */ import org.ghost.One */
                import org.ex.util.*
                import org.ex.other.Thing as Alias
                val banner = \"\"\"
                import org.ghost.Two
                ${'$'}{Thing()} \"\"\"
                enum class Colour { RED }
                fun <T> List<T>.second(): T = this[1]
                fun greet(name: String) = "hi ${name.uppercase()} import org.ghost.Three"
                class Greeter(val id: Int) { fun inner() = Helper() }
                """);
        assertEquals(List.of("package:org.ex.lib", "type:banner", "type:Colour", "type:second", "type:greet", "type:Greeter"), facts.declared());
        assertEquals(List.of("wild:org.ex.util", "import:org.ex.other.Thing", "use:T", "use:List", "use:String", "use:Int", "use:Helper"),
                facts.imports().stream().filter(i -> !i.equals("use:RED")).toList());
    }

    @Test
    void kotlinImportsOnConsecutiveLinesRightAfterThePackageAndNonAsciiNames() {
        SourceFacts facts = read("Ü.kt", """
                package org.ex.lib
                import org.ex.util.Größe
                import org.ex.util.Maß
                val grüße = "import org.ghost.Één ${Straße()}" 
                class Ärger : Größe() { val x = Überall.y }
                """);
        assertEquals(List.of("package:org.ex.lib", "type:grüße", "type:Ärger"), facts.declared());
        assertEquals(List.of("import:org.ex.util.Größe", "import:org.ex.util.Maß", "use:Straße", "use:Größe", "use:Überall"), facts.imports());
    }

    @Test
    void scriptSpecifiersWithEscapesNonAsciiAndUnterminatedLiterals() {
        SourceFacts facts = read("x.ts", """
                import a from './caf\\u00e9'; import b from './naïve';
                import c from "./q\\"uote";
                const broken = 'no end
                import d from './after-broken';
                const r = /unterminated
                import e from './after-regex';
                """);
        assertEquals(List.of("./cafu00e9", "./naïve", "./q\"uote", "./after-broken", "./after-regex"), facts.imports());
    }

    @Test
    void scriptImportsRequiresAndDynamicImportsButNotCommentsStringsOrRegexes() {
        SourceFacts facts = read("page.tsx", """
                import React, { useState } from 'react';
                import type { Props } from "./types";
                import './styles.css';
                export * from '../shared/index.js';
                export { a as b } from '@acme/ui/button';
                const lazy = () => import('./lazy');
                const legacy = require('./legacy.cjs');
                // import ghost from './ghost1';
                /* require('./ghost2') */
                const s = "import x from './ghost3'";
                const t = `require('./ghost4') ${ require('./inTemplate') }`;
                const re = /from '(.*)'/g; const q = 'ok';
                const from = 1; const y = from / 2 + "x";
                obj.require('./ghost5'); name.import('./ghost6');
                const dynamic = import(name);
                """);
        assertEquals(List.of("react", "./types", "./styles.css", "../shared/index.js", "@acme/ui/button", "./lazy", "./legacy.cjs",
                "./inTemplate"), facts.imports());
    }

    @Test
    void pythonAbsoluteRelativeParenthesisedAndNotInStrings() {
        SourceFacts facts = read("m.py", """
                \"\"\"Docs: import ghost.one\"\"\"
                import os, pkg.core as core
                from . import helpers
                from ..base import (Base,
                                    Mixin)  # from ghost import two
                from .sub.mod import *
                x = r'import ghost.three'; import json
                def f():
                    from pkg import late
                s = ''' from ghost import four '''
                y = "a" \\
                    "b"
                """);
        assertEquals(List.of("os", "pkg.core", ".", ".helpers", "..base", "..base.Base", "..base.Mixin", ".sub.mod", "json", "pkg",
                "pkg.late"), facts.imports());
    }

    @Test
    void goSingleBlockAliasedAndRawStrings() {
        SourceFacts facts = read("main.go", """
                package main
                import "fmt"
                import (
                    m "example.com/shop/internal/money"
                    _ "example.com/shop/plugins" // side effects
                    . "example.com/shop/dsl"
                )
                var doc = `import "example.com/ghost"`
                // import "example.com/ghost2"
                """);
        assertEquals(List.of("fmt", "example.com/shop/internal/money", "example.com/shop/plugins", "example.com/shop/dsl"), facts.imports());
    }

    @Test
    void unknownBinaryAndHugeFilesHaveNoImports() {
        assertEquals(Language.OTHER, read("README.md", "import x").language());
        assertFalse(SourceReader.read("x.ts", new byte[] {'i', 0, 'm'}).parsed());
        assertFalse(SourceReader.read("big.js", new byte[SourceReader.MAX_BYTES + 1]).parsed());
        assertEquals(Language.OTHER, Language.of("build.gradle.kts"));
    }

    @Test
    void gradleIncludesAndProjectDependencies() {
        assertEquals(List.of(":lib", "app", ":tools:cli"), BuildScripts.gradleIncludes("""
                rootProject.name = "x"
                include(":lib")
                include 'app',
                        ':tools:cli'
                // include(":ghost")
                """.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(":lib", ":core", "accessor:okhttpTls", "accessor:tools.cli"), BuildScripts.gradleProjectDependencies("""
                dependencies {
                    implementation(project(":lib"))
                    api project(path: ':core')
                    testImplementation(projects.okhttpTls)
                    testImplementation(projects.tools.cli)
                    project.applyOsgi("x")
                    /* implementation(project(":ghost")) */
                }
                """.getBytes(StandardCharsets.UTF_8)));
    }
}
