#!/usr/bin/env bash
# analyze-vs-git.sh - how fast is `vcai analyze` next to `git log --numstat -M`?
#
# Usage:
#   bench/analyze-vs-git.sh [--repo DIR] [--range REV-RANGE] [--count N] [--runs K]
#                           [--model FILE] [--jar FILE]
#
#   --repo DIR         Repository to analyse: a work tree or a bare git directory
#                      (default: this project's checkout, the parent of bench/).
#   --range REV-RANGE  git-log-style revisions, e.g. HEAD, v1.0..main, "^A B"
#                      (word-split; default: HEAD, i.e. all of HEAD's history).
#   --count N          Only the first N commits of the range (git log -n N /
#                      vcai analyze -n N / git rev-list --max-count=N).
#   --runs K           Measured runs per side (default 3), after one warm-up each.
#   --model FILE       ONNX model passed to vcai (default: $VCAI_MODEL, else the
#                      model packaged in the jar).
#   --jar FILE         vcai jar to run (default: target/vcai.jar of this project;
#                      its class-data archive FILE.jsa counts only where the build left
#                      it: a copied jar runs without it, and slower;
#                      built with `mvn -q -B -DskipTests package` if missing).
#
# The JVM is the launcher's: $JAVA, else $JAVA_HOME/bin/java, else java on the PATH;
# VCAI_JAVA_OPTS replaces the launcher's default options. A jar built on JDK 25 or
# later carries an AOT cache, which only that JDK reads: build and measure with the
# same JAVA_HOME (the report names the JVM and the archive).
#
# What it does, in one run:
#   1. counts the commits of the range with `git rev-list --count` (honours --count);
#   2. runs one warm-up of each side (fills the OS page cache for both alike),
#      then K runs of each side, alternating git, vcai, git, vcai, ...:
#        git : git -C DIR log --numstat -M [-n N] RANGE            > /dev/null
#        vcai: java -jar vcai.jar analyze -C DIR [-n N] --format json RANGE > tmp file
#      timing each with `date +%s%N` (wall-clock, nanoseconds);
#   3. reports the median wall time of each side, vcai's commits/s and the ratio
#      vcai/git against the target (vcai at most 2x git), and beside it the median
#      CPU time (user + system) of each side, which a busy machine disturbs less
#      than wall time (vcai's JVM uses several threads: JIT, GC). A FAIL against the
#      target is reported, not turned into a non-zero exit: the script exits 0
#      whenever the measurement completed;
#   4. breaks vcai's time down: `vcai --version` (JVM start-up alone) and
#      `vcai analyze -n 1` (start-up + model load + one commit), K runs each, so
#      fixed cost and per-commit cost can be told apart.
#
# It writes nothing into the analysed repository but what vcai itself keeps there:
# the blast radius's graph cache under vcai/impact/ in the git directory, filled by
# the warm-up, so the measured runs are warm-cache runs (bench/impact.sh measures a
# cold cache). vcai's JSON goes to a temp file under ${TMPDIR:-/tmp} (its size and
# commit count are printed to prove vcai ran, then it is deleted), git's output goes
# to /dev/null, and the script checks that no other file in DIR changed during the run. It exits non-zero, with the reason, if
# vcai or git fails. hyperfine is not needed; if installed it is not used either,
# so that both sides are timed by the same clock in the same alternating loop.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
project=$(dirname -- "$here")

repo=$project
range=HEAD
count=
runs=3
model=${VCAI_MODEL:-}
jar=$project/target/vcai.jar

die() { echo "analyze-vs-git: $*" >&2; exit 2; }
need_arg() { [ $# -ge 2 ] || die "$1 needs a value"; }

while [ $# -gt 0 ]; do
    case $1 in
        --repo) need_arg "$@"; repo=$2; shift 2 ;;
        --range) need_arg "$@"; range=$2; shift 2 ;;
        --count|-n) need_arg "$@"; count=$2; shift 2 ;;
        --runs) need_arg "$@"; runs=$2; shift 2 ;;
        --model) need_arg "$@"; model=$2; shift 2 ;;
        --jar) need_arg "$@"; jar=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

case $runs in ''|*[!0-9]*|0) die "--runs must be a positive integer" ;; esac
if [ -n "$count" ]; then
    case $count in *[!0-9]*|0) die "--count must be a positive integer" ;; esac
fi
repo=$(CDPATH= cd -- "$repo" 2>/dev/null && pwd) || die "no such directory: $repo"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "not a git repository: $repo"
if [ -n "$model" ]; then
    [ -f "$model" ] || die "no such model file: $model"
    model=$(CDPATH= cd -- "$(dirname -- "$model")" && pwd)/$(basename -- "$model")
fi
# The JVM as the target/vcai launcher finds it: $JAVA, else $JAVA_HOME's, else java on the PATH.
java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
java=${java:-java}
command -v "$java" >/dev/null || die "no java: $java"

# --- build the jar if needed ---------------------------------------------------
if [ ! -f "$jar" ]; then
    [ "$jar" = "$project/target/vcai.jar" ] || die "no such jar: $jar"
    echo "building $jar (mvn -q -B -DskipTests package) ..." >&2
    (cd "$project" && mvn -q -B -DskipTests package) >&2 || die "the build failed"
    [ -f "$jar" ] || die "the build did not produce $jar"
fi
jar=$(CDPATH= cd -- "$(dirname -- "$jar")" && pwd)/$(basename -- "$jar") # the runs start elsewhere

# --- arguments of both sides ---------------------------------------------------
# shellcheck disable=SC2206  # word-splitting of the range is intended ("^A B")
revs=($range)
limit=()
[ -n "$count" ] && limit=(-n "$count")
model_opt=()
[ -n "$model" ] && model_opt=(--model "$model")

commits=$(git -C "$repo" rev-list --count ${count:+--max-count="$count"} "${revs[@]}" --) \
    || die "git rev-list cannot read the range: $range"
[ "$commits" -gt 0 ] || die "the range $range has no commits"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vcai-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
out=$tmp/vcai.json
marker=$tmp/start
: >"$marker"

now() { date +%s%N; }
# The JVM options of the target/vcai launcher (src/main/bin/vcai), so the benchmark times what users run.
thp=
[ -r /sys/kernel/mm/transparent_hugepage/enabled ] && thp=-XX:+UseTransparentHugePages # Linux only, as the launcher
read -r -a java_opts <<<"${VCAI_JAVA_OPTS:--Xss4m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC${thp:+ $thp}}"
# and, like it, the class-data archive the build leaves beside the jar.
if [ -f "$jar.jsa" ]; then
    java_opts=(-Xshare:auto "-XX:SharedArchiveFile=$jar.jsa" -Xlog:disable -Xlog:all=error,cds=off:stderr "${java_opts[@]}")
fi

run_git() {
    git -C "$repo" log --numstat -M "${limit[@]}" "${revs[@]}" -- >/dev/null 2>"$tmp/git.err" || {
        cat "$tmp/git.err" >&2; die "git log failed"; }
}
# vcai is run from the temp directory, so that nothing can land in the caller's
# directory or in the repository; -C points it at the repository.
run_vcai() { # extra arguments replace the limit (used for -n 1)
    local rc=0
    if [ $# -gt 0 ]; then set -- "$@"; else set -- "${limit[@]}"; fi
    (cd "$tmp" && exec "$java" "${java_opts[@]}" -jar "$jar" analyze -C "$repo" "${model_opt[@]}" "$@" \
        --format json "${revs[@]}") >"$out" 2>"$tmp/vcai.err" || rc=$?
    if [ $rc -ne 0 ]; then
        echo "vcai exited with status $rc:" >&2; cat "$tmp/vcai.err" >&2
        die "vcai analyze failed (command: java -jar $jar analyze -C $repo ${model_opt[*]} $* --format json $range)"
    fi
}
run_version() {
    (cd "$tmp" && exec "$java" "${java_opts[@]}" -jar "$jar" --version) >/dev/null 2>"$tmp/vcai.err" || {
        cat "$tmp/vcai.err" >&2; die "vcai --version failed"; }
}
# measure FUNCTION ARGS... : prints "WALL_NS CPU_MS", the wall time in nanoseconds
# (date +%s%N) and the CPU time, user + system, of the processes it ran (bash's
# time keyword). CPU time hardly depends on what else the machine is running.
measure() {
    local t0 t1 TIMEFORMAT='%3U %3S'
    t0=$(now)
    { time "$@"; } 2>"$tmp/cpu"
    t1=$(now)
    echo "$((t1 - t0)) $(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$tmp/cpu")"
}

median() { # nanoseconds on stdin, one per line -> median in nanoseconds
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
list() { local s="" x; for x in "$@"; do s="$s $(secs "$x")"; done; echo "${s# }"; }

echo "vcai analyze vs git log --numstat -M" >&2
echo "warm-up ..." >&2
run_git
run_vcai
size=$(wc -c <"$out" | tr -d ' ')
reported=$(grep -o '"commits": *[0-9][0-9]*' "$out" | head -n 1 | grep -o '[0-9][0-9]*$' || echo "?")

git_ns=() vcai_ns=() git_cpu=() vcai_cpu=()
for i in $(seq 1 "$runs"); do
    echo "run $i/$runs ..." >&2
    read -r w c <<<"$(measure run_git)"; git_ns+=("$w"); git_cpu+=("$c")
    read -r w c <<<"$(measure run_vcai)"; vcai_ns+=("$w"); vcai_cpu+=("$c")
done
echo "start-up breakdown ..." >&2
run_vcai -n 1
one_ns=() ver_ns=()
for i in $(seq 1 "$runs"); do
    read -r w c <<<"$(measure run_version)"; ver_ns+=("$w")
    read -r w c <<<"$(measure run_vcai -n 1)"; one_ns+=("$w")
done

changed=$(find "$repo" -path '*/vcai/impact' -prune -o -type f -newer "$marker" -print 2>/dev/null | head -n 5)

git_med=$(printf '%s\n' "${git_ns[@]}" | median)
vcai_med=$(printf '%s\n' "${vcai_ns[@]}" | median)
one_med=$(printf '%s\n' "${one_ns[@]}" | median)
ver_med=$(printf '%s\n' "${ver_ns[@]}" | median)
git_cpu_med=$(printf '%s\n' "${git_cpu[@]}" | median)
vcai_cpu_med=$(printf '%s\n' "${vcai_cpu[@]}" | median)

awk -v repo="$repo" -v range="$range${count:+ (first $count commits)}" -v commits="$commits" \
    -v reported="$reported" -v size="$size" -v runs="$runs" \
    -v g="$git_med" -v v="$vcai_med" -v gc="$git_cpu_med" -v vc="$vcai_cpu_med" -v one="$one_med" -v ver="$ver_med" \
    -v glist="$(list "${git_ns[@]}")" -v vlist="$(list "${vcai_ns[@]}")" \
    -v olist="$(list "${one_ns[@]}")" -v rlist="$(list "${ver_ns[@]}")" \
    -v jvm="$("$java" -version 2>&1 | sed -n 2p) (archive: $([ -f "$jar.jsa" ] && echo "$jar.jsa" || echo none))" \
    -v load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" -v cpus="$(nproc 2>/dev/null || echo '?')" 'BEGIN {
    ratio = v / g
    printf "repository:        %s\n", repo
    printf "range:             %s\n", range
    printf "commits:           %d (git rev-list --count); vcai reported %s, JSON output %s bytes\n", commits, reported, size
    printf "jvm:               %s\n", jvm
    printf "runs:              %d per side after 1 warm-up, alternating; load average %s on %s CPUs\n", runs, load, cpus
    printf "git log median:    %.3f s   (runs: %s)\n", g / 1e9, glist
    printf "vcai median:       %.3f s   (runs: %s)\n", v / 1e9, vlist
    printf "vcai throughput:   %.1f commits/s (git: %.1f commits/s)\n", commits / (v / 1e9), commits / (g / 1e9)
    printf "ratio vcai/git:    %.2fx\n", ratio
    if (ratio <= 2) printf "target <= 2.00x:   PASS (vcai takes %.2fx git'"'"'s time)\n", ratio
    else printf "target <= 2.00x:   FAIL (vcai takes %.2fx git'"'"'s time, %.2fx over the target)\n", ratio, ratio / 2
    printf "CPU time medians:  git %.3f s, vcai %.3f s (user + system); ratio vcai/git %.2fx\n", gc / 1e3, vc / 1e3, (gc > 0 ? vc / gc : 0)
    print  "breakdown of vcai'"'"'s time (medians):"
    printf "  JVM start-up (vcai --version):            %.3f s   (runs: %s)\n", ver / 1e9, rlist
    printf "  fixed cost (vcai analyze -n 1):           %.3f s   (runs: %s)\n", one / 1e9, olist
    print  "    = JVM + model load + reading 1 commit and its --history (1000) older commits"
    if (commits > 1 && v > one) {
        per = (v - one) / (commits - 1)
        printf "  per-commit cost (after the first):        %.2f ms/commit -> %.1f commits/s steady state\n", per / 1e6, (per > 0 ? 1e9 / per : 0)
        printf "  fixed share of vcai'"'"'s time:              %.0f%%\n", 100 * one / v
        printf "  ratio vcai/git without the fixed cost:    %.2fx\n", (v - one) / g
    } else if (commits > 1) {
        print  "  per-commit cost: not measurable, the range takes no longer than -n 1 (within"
        print  "    the noise of the fixed cost): vcai'"'"'s time here is all start-up"
    } else {
        print  "  (one commit: the whole run is fixed cost)"
    }
}'
if [ -n "$changed" ]; then
    echo "WARNING: files in $repo changed during the benchmark (another process?):" >&2
    echo "$changed" >&2
fi
exit 0
