#!/usr/bin/env python3
"""Writes a git fast-import stream of a synthetic Maven monorepo: FILES Java files in 200 modules, each class importing
three others (same module, the previous module, a random one), then COMMITS commits changing three files each.
Used by bench/impact.sh for the memory figure of a ~100,000-file tree. Deterministic (seeded)."""
import random
import sys

files, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(4)
modules = 200
per_module = max(1, files // modules)
out = sys.stdout.buffer


def blob(text):
    data = text.encode()
    out.write(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)))
    out.write(data + b"\n")


def java(m, c):
    imports = {(m, (c + 1) % per_module), (max(0, m - 1), rng.randrange(per_module)), (rng.randrange(modules), rng.randrange(per_module))}
    lines = ["package org.synth.m%03d;" % m, ""]
    lines += ["import org.synth.m%03d.C%05d;" % i for i in sorted(imports) if i != (m, c)]
    lines += ["", "/** Class %d of module %d. */" % (c, m), "public class C%05d {" % c,
              "    public int value() { return %d; } // import org.ghost.Nope;" % c, "}", ""]
    return "\n".join(lines)


def commit(message, when):
    out.write(b"commit refs/heads/main\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s\n" % (when, len(message), message.encode()))


commit("synthetic tree", 1700000000)
for m in range(modules):
    path = "m%03d/pom.xml" % m
    dep = "" if m == 0 else "<dependencies><dependency><groupId>org.synth</groupId><artifactId>m%03d</artifactId></dependency></dependencies>" % (m - 1)
    blob("<project><modelVersion>4.0.0</modelVersion><groupId>org.synth</groupId><artifactId>m%03d</artifactId>%s</project>\n" % (m, dep))
    for c in range(per_module):
        path = "m%03d/src/main/java/org/synth/m%03d/C%05d.java" % (m, m, c)
        blob(java(m, c))
for i in range(commits):
    commit("change %d" % i, 1700000000 + 3600 * (i + 1))
    for _ in range(3):
        m, c = rng.randrange(modules), rng.randrange(per_module)
        path = "m%03d/src/main/java/org/synth/m%03d/C%05d.java" % (m, m, c)
        blob(java(m, c) + "// edit %d\n" % i)
out.write(b"done\n")
