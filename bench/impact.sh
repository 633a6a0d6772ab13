#!/usr/bin/env bash
# impact.sh - what the blast radius costs, in one run:
#   1. the graph alone (dev.vcai.impact.ImpactBenchmark, one JVM, -Xmx512m): time to read the range (the core's git
#      work), to build the graph at the range's start (files parsed), per commit to move it and measure the radius,
#      runs from the on-disk cache (facts only; radii too), and the peak heap;
#   2. `vcai analyze -n N --format json` with the blast radius on a cold cache (deleted before each run), with only
#      the files' facts cached, with the range's radii cached too, and ten first-parent commits on from a cached run
#      of HEAD~10 (the same history after a few pushes: only the new commits are measured); the same with
#      --no-blast-radius, and
#      `git log -n N --numstat -M` on the same range, alternating, K runs each: median wall times, the ratios to git
#      and what the blast radius adds to the core;
#   3. the graph of a synthetic Maven tree of F Java files (bench/impact-synthetic.py, ~100,000 by default) under
#      -Xmx512m: build time, per-commit time, peak heap; then the whole `vcai analyze` of its last 30 commits under
#      -Xmx512m, with the launcher's options: time and the peak heap before a collection.
#
# Usage: bench/impact.sh [--repo DIR] [--count N] [--runs K] [--files F] [--jar FILE]
#   --repo DIR   repository to measure, work tree or bare (default: /work/.mirror/square+okhttp/repo when present,
#                else this project). It is cloned (bare, local) into a temporary directory first, so that vcai's cache
#                ($GIT_DIR/vcai/impact/) is written there and DIR is left untouched.
#   --count N    commits of HEAD's history (default 200)
#   --runs K     measured runs per side in step 2 (default 3)
#   --files F    Java files of the synthetic tree in step 3 (default 100000; 0 skips the step)
#   --jar FILE   vcai jar (default target/vcai.jar; built with `mvn -q -B -DskipTests package` when missing,
#                which also compiles the test classes the benchmark main lives in)
# Needs java, git, python3. Exits non-zero when a step fails.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
project=$(dirname -- "$here")
repo=/work/.mirror/square+okhttp/repo
[ -d "$repo" ] || repo=$project
count=200
runs=3
files=100000
jar=$project/target/vcai.jar
# The JVM and its options as the target/vcai launcher (src/main/bin/vcai) chooses them, so the benchmark times what
# users run: $JAVA, else $JAVA_HOME's java, else the PATH's.
java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
java=${java:-java}
thp=
[ -r /sys/kernel/mm/transparent_hugepage/enabled ] && thp=-XX:+UseTransparentHugePages # Linux only, as the launcher
read -r -a java_opts <<<"${VCAI_JAVA_OPTS:--Xss4m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC${thp:+ $thp}}"

die() { echo "impact.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --repo) repo=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --files) files=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
if [ ! -f "$jar" ] || [ ! -d "$project/target/test-classes/dev/vcai/impact" ]; then
    (cd "$project" && mvn -q -B -DskipTests package) || die "the build failed"
fi
classpath=$jar:$project/target/test-classes
# The launcher's class-data archive too, when the build left one (as bench/analyze-vs-git.sh does).
if [ -f "$jar.jsa" ]; then
    java_opts=(-Xshare:auto "-XX:SharedArchiveFile=$jar.jsa" -Xlog:disable -Xlog:all=error,cds=off:stderr "${java_opts[@]}")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vcai-impact-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone -q --bare "$repo" "$work/repo.git" || die "cannot clone $repo"

now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "jvm: $("$java" -version 2>&1 | sed -n 2p) (archive: $([ -f "$jar.jsa" ] && echo "$jar.jsa" || echo none))"
echo "== 1. the graph alone: $repo, $count commits (one JVM, -Xmx512m)"
"$java" -Xmx512m -cp "$classpath" dev.vcai.impact.ImpactBenchmark "$work/repo.git" "$count"
rm -rf "$work/repo.git/vcai"

echo
echo "== 2. vcai analyze with and without the blast radius vs git log --numstat -M, $count commits, $runs runs each"
git --git-dir="$work/repo.git" log -n "$count" --numstat -M > /dev/null
"$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --no-blast-radius --format json > /dev/null
: > "$work/git.ms"; : > "$work/vcai.ms"; : > "$work/core.ms"; : > "$work/cold.ms"; : > "$work/facts.ms"; : > "$work/later.ms"
earlier=$(git --git-dir="$work/repo.git" rev-parse -q --verify 'HEAD~10^{commit}' || true)
for _ in $(seq "$runs"); do
    start=$(now); git --git-dir="$work/repo.git" log -n "$count" --numstat -M > /dev/null
    echo $(( ($(now) - start) / 1000000 )) >> "$work/git.ms"
    start=$(now); "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --no-blast-radius --format json > /dev/null
    echo $(( ($(now) - start) / 1000000 )) >> "$work/core.ms"
    rm -rf "$work/repo.git/vcai"
    start=$(now); "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --format json > /dev/null
    echo $(( ($(now) - start) / 1000000 )) >> "$work/cold.ms"
    rm -f "$work/repo.git"/vcai/impact/*.radii.gz
    start=$(now); "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --format json > /dev/null
    echo $(( ($(now) - start) / 1000000 )) >> "$work/facts.ms"
    start=$(now); "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --format json > "$work/out.json"
    echo $(( ($(now) - start) / 1000000 )) >> "$work/vcai.ms"
    if [ -n "$earlier" ]; then
        rm -rf "$work/repo.git/vcai"
        "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --format json "$earlier" > /dev/null
        start=$(now); "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$work/repo.git" -n "$count" --format json > /dev/null
        echo $(( ($(now) - start) / 1000000 )) >> "$work/later.ms"
    fi
done
new_commits=0
if [ -n "$earlier" ]; then
    git --git-dir="$work/repo.git" rev-list -n "$count" "$earlier" | sort > "$work/earlier.ids"
    new_commits=$(git --git-dir="$work/repo.git" rev-list -n "$count" HEAD | sort | comm -23 - "$work/earlier.ids" | wc -l)
fi
computed=$(grep -c '"computed": true' "$work/out.json" || true)
git_ms=$(median < "$work/git.ms")
core_ms=$(median < "$work/core.ms")
vcai_ms=$(median < "$work/vcai.ms")
cold=$(median < "$work/cold.ms")
facts=$(median < "$work/facts.ms")
later=$(median < "$work/later.ms")
echo "git log --numstat -M:              median ${git_ms} ms"
echo "vcai analyze --no-blast-radius:    median ${core_ms} ms"
echo "vcai analyze (with blast radius):  median ${cold} ms on a cold cache (nothing cached: a repository's first run),"
echo "                                   median ${facts} ms with the files' facts cached (a new range over files parsed before),"
echo "                                   median ${vcai_ms} ms with the range's radii cached (the same range again); ${computed} radii computed"
[ -n "$later" ] && echo "                                   median ${later} ms ten first-parent commits on from a cached run of HEAD~10 (${new_commits} commits new to the range)"
awk -v v="$vcai_ms" -v c="$core_ms" -v g="$git_ms" -v f="$cold" -v p="$facts" -v l="${later:-0}" 'BEGIN {
    printf "ratio to git: core %.1f, with blast radius %.1f (cold), %.1f (facts cached), %.1f (radii cached)", c / g, f / g, p / g, v / g
    if (l > 0) printf ", %.1f (ten commits on)", l / g
    printf "\nblast radius adds %.0f%% to the core (cold), %.0f%% (facts cached), %.0f%% (radii cached)", 100 * (f - c) / c, 100 * (p - c) / c, 100 * (v - c) / c
    if (l > 0) printf ", %.0f%% (ten commits on)", 100 * (l - c) / c
    printf "; target at most 33%%\n" }'

if [ "$files" -gt 0 ]; then
    echo
    echo "== 3. a synthetic Maven tree of $files Java files, 30 commits (-Xmx512m)"
    git init -q --bare "$work/synth.git"
    git --git-dir="$work/synth.git" symbolic-ref HEAD refs/heads/main
    python3 "$here/impact-synthetic.py" "$files" 30 | git --git-dir="$work/synth.git" fast-import --quiet --done
    "$java" -Xmx512m -cp "$classpath" dev.vcai.impact.ImpactBenchmark "$work/synth.git" 30
    # The whole analysis too, as a hook runs it, with the launcher's options and a 512 MB heap: it must finish, and
    # the heap's occupancy before each collection says how close it came.
    rm -rf "$work/synth.git/vcai"
    start=$(now)
    "$java" "${java_opts[@]}" -Xmx512m -Xlog:gc:file="$work/gc.log" -jar "$jar" analyze -C "$work/synth.git" -n 30 --format json \
        > /dev/null || die "vcai analyze failed on the synthetic tree under -Xmx512m"
    elapsed=$(( ($(now) - start) / 1000000 ))
    peak=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M.*/\1/p' "$work/gc.log" | sort -n | tail -1)
    echo "vcai analyze -n 30 (blast radius, cold cache, -Xmx512m): ${elapsed} ms; peak heap before a collection ${peak:-?} MB of 512"
fi
