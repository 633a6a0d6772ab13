#!/usr/bin/env bash
# alternate.sh - is one build of vcai faster than another at the same command?
#
# Usage:
#   bench/alternate.sh --a LAUNCHER --b LAUNCHER [--runs K] [--stdin FILE] -- VCAI-ARGS...
#
#   --a, --b LAUNCHER  The two builds to compare, each as its launcher (target/vcai of a
#                      checkout built where it runs, so that each has its class-data archive).
#   --runs K           Measured pairs (default 11), after one warm-up of each.
#   --stdin FILE       What each run reads on stdin (a hook's '<old> <new> <ref>' lines).
#   VCAI-ARGS          The command both run, e.g. -C ~/src/okhttp.git analyze -n 1 --format json.
#                      The environment passes through (GIT_DIR=... for a hook).
#
# The runs alternate A, B, A, B, ... so that both see the same drift of a machine whose speed
# changes by a fifth within the hour; blocks of one build's runs after the other's compare the
# machine's states rather than the builds. Prints each build's median wall time, the
# difference, in how many pairs B was the faster, and whether the two builds printed the
# same bytes on stdout (a speed change should not change the output).
set -euo pipefail

runs=11
a=
b=
stdin=/dev/null
while [ $# -gt 0 ]; do
    case "$1" in
        --a) a=$2; shift 2 ;;
        --b) b=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --stdin) stdin=$2; shift 2 ;;
        --) shift; break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "alternate.sh: unknown option '$1' (--help lists them)" >&2; exit 2 ;;
    esac
done
if [ -z "$a" ] || [ -z "$b" ] || [ $# -eq 0 ]; then
    echo "alternate.sh: give --a LAUNCHER --b LAUNCHER -- VCAI-ARGS (--help for more)" >&2
    exit 2
fi
for launcher in "$a" "$b"; do
    [ -x "$launcher" ] || { echo "alternate.sh: $launcher is not an executable launcher" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One timed run: milliseconds on stdout; the run's stdout kept in $2, its exit code checked.
timed() {
    local start end
    start=$(date +%s%N)
    if ! "$1" "${@:3}" < "$stdin" > "$2" 2> "$work/stderr"; then
        echo "alternate.sh: $1 failed: $(head -c 300 "$work/stderr")" >&2
        exit 1
    fi
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

timed "$a" "$work/a.out" "$@" > /dev/null
timed "$b" "$work/b.out" "$@" > /dev/null
: > "$work/a.ms"; : > "$work/b.ms"
faster=0
for _ in $(seq "$runs"); do
    ta=$(timed "$a" "$work/a.out" "$@")
    tb=$(timed "$b" "$work/b.out" "$@")
    echo "$ta" >> "$work/a.ms"
    echo "$tb" >> "$work/b.ms"
    [ "$tb" -lt "$ta" ] && faster=$((faster + 1))
done
ma=$(median < "$work/a.ms")
mb=$(median < "$work/b.ms")
echo "vcai $*"
echo "A $a: median ${ma} ms   (runs: $(tr '\n' ' ' < "$work/a.ms"))"
echo "B $b: median ${mb} ms   (runs: $(tr '\n' ' ' < "$work/b.ms"))"
awk -v a="$ma" -v b="$mb" -v f="$faster" -v k="$runs" \
    'BEGIN { printf "B - A: %+d ms (%+.1f%%); B faster in %d of %d pairs\n", b - a, 100 * (b - a) / a, f, k }'
if cmp -s "$work/a.out" "$work/b.out"; then
    echo "output: the same bytes ($(wc -c < "$work/b.out") on stdout)"
else
    echo "output: DIFFERS between A and B"
fi
