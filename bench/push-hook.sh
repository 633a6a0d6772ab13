#!/usr/bin/env bash
# Measures the time vcai's hooks add to a push: pushes 1, 10, 100 and 1,000 new commits into a bare
# repository with the hooks installed ('vcai hook install') and into one without, K times each, and
# prints the median push times, the added time and the target (1 commit: at most 300 ms added;
# 1,000 commits: the whole push inside 4 s). The post-receive part runs detached and is not part of
# the push; the next push waits for it to end, so that it does not share the cores with the push being timed.
#
#   bench/push-hook.sh [--runs K] [--sizes "1 10 100 1000"] [--jar FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=5
sizes="1 10 100 1000"
jar="$here/target/vcai.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "push-hook: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package)

work=$(mktemp -d "${TMPDIR:-/tmp}/vcai-push-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# A source history: a base commit, then 1,000 small commits touching a few files each.
src="$work/src"
git init -q -b main "$src"
for i in $(seq 1 20); do printf 'package app;\nclass C%s {\n}\n' "$i" > "$src/C$i.java"; done
git -C "$src" add -A && git -C "$src" commit -q -m "Base"
base=$(git -C "$src" rev-parse HEAD)
for i in $(seq 1 1000); do
  f="$src/C$(( i % 20 + 1 )).java"
  printf '// change %s\n' "$i" >> "$f"
  git -C "$src" commit -q -am "Change $i of the application"
done

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {printf "%d\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wait_for_post_receive DIR: the hooks keep their input in a temporary file under $TMPDIR, which the detached
# post-receive removes when its analysis ends; the push ran with TMPDIR=DIR.
wait_for_post_receive() {
  local i
  for i in $(seq 600); do
    [ -z "$(ls -A "$1")" ] && return 0
    sleep 0.1
  done
  echo "push-hook: a post-receive analysis still runs after 60 s" >&2
}

# push_time HOOKED N: median ms of pushing base..base+N into a fresh bare repository.
push_time() {
  local hooked=$1 n=$2 times=() r
  local tip
  tip=$(git -C "$src" rev-list --reverse "$base"..HEAD | sed -n "${n}p")
  for r in $(seq 0 "$runs"); do
    local bare="$work/bare-$hooked-$n-$r.git"
    git init -q --bare "$bare"
    git -C "$src" push -q "$bare" "$base:refs/heads/main" 2>/dev/null
    if [ "$hooked" = yes ]; then
      java -jar "$jar" hook install "$bare" --no-cds > /dev/null
    fi
    local t0 t1 hook_tmp="$work/tmp-$hooked-$n-$r"
    mkdir "$hook_tmp"
    t0=$(now)
    TMPDIR=$hook_tmp git -C "$src" push -q "$bare" "$tip:refs/heads/main" 2> "$work/push.err" || { cat "$work/push.err" >&2; exit 1; }
    t1=$(now)
    [ "$r" -gt 0 ] && times+=($(( (t1 - t0) / 1000000 )))   # run 0 is a warm-up
    # The post-receive analysis goes on detached after the push returns; let it end before the next push is timed,
    # so that it does not share the cores with it (and before the directory is removed).
    wait_for_post_receive "$hook_tmp"
  done
  printf '%s\n' "${times[@]}" | median
}

# The class-data archive beside the jar, as 'vcai hook install' makes it by default.
git init -q --bare "$work/cds.git"
java -jar "$jar" hook install "$work/cds.git" > /dev/null

echo "vcai push-hook benchmark: $runs runs per case after a warm-up; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "class-data archive: $( [ -f "$jar.jsa" ] && echo "$jar.jsa" || echo none )"
printf '%-8s %12s %12s %12s\n' commits "plain (ms)" "hooked (ms)" "added (ms)"
for n in $sizes; do
  plain=$(push_time no "$n")
  hooked=$(push_time yes "$n")
  printf '%-8s %12s %12s %12s\n' "$n" "$plain" "$hooked" "$(( hooked - plain ))"
  case $n in
    1) verdict=$([ $(( hooked - plain )) -le 300 ] && echo PASS || echo FAIL); echo "         target: at most 300 ms added for a 1-commit push: $verdict" ;;
    1000) verdict=$([ "$hooked" -le 4000 ] && echo PASS || echo FAIL); echo "         target: a 1,000-commit push inside 4,000 ms: $verdict" ;;
  esac
done
