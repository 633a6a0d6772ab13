#!/bin/sh
# What the Jenkins plugin sends from the agent to the controller, and how long its one call takes, against peers
# measured in the same run: the full `vcai analyze --format json` of the same commits (size) and
# `git log --numstat -M` of the same commits (time). See bench/README.md.
set -eu
usage() { echo "usage: bench/jenkins-result.sh [--repo DIR] [--count N] [--runs K]"; }
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$here count=20 runs=3
while [ $# -gt 0 ]; do
    case $1 in
        --repo) repo=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --help|-h) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
jar=$here/target/vcai.jar
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

java -cp "$jar" "$here/bench/JenkinsResultSize.java" "$repo" "$count" "$runs" > "$tmp/result.txt"
java -jar "$jar" -C "$repo" analyze -n "$count" --format json > "$tmp/full.json"
best_git=
i=0
while [ $i -le "$runs" ]; do
    start=$(date +%s%N); git -C "$repo" log --numstat -M -n "$count" > /dev/null; end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ $i -gt 0 ] && { [ -z "$best_git" ] || [ $ms -lt $best_git ]; }; then best_git=$ms; fi
    i=$((i + 1))
done
commits=$(sed -n 's/^result_commits //p' "$tmp/result.txt")
bytes=$(sed -n 's/^result_bytes //p' "$tmp/result.txt")
result_ms=$(sed -n 's/^result_ms //p' "$tmp/result.txt")
full=$(wc -c < "$tmp/full.json" | tr -d ' ')
echo "repository      $repo"
echo "commits         $commits"
echo "result JSON     $bytes bytes ($(( bytes / commits )) per commit); full analysis JSON $full bytes; ratio $(awk "BEGIN{printf \"%.3f\", $bytes/$full}")"
echo "plugin call     ${result_ms} ms best of $runs (model load included, in one JVM); git log --numstat -M ${best_git} ms; ratio $(awk "BEGIN{printf \"%.1f\", $result_ms/($best_git>0?$best_git:1)}")"
