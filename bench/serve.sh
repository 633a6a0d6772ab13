#!/usr/bin/env bash
# serve.sh - load test of `vcai serve`: analyze-commit with the embedded model against a bare /health, same server,
# same run, with wrk (Debian: apt-get install wrk).
#
# Usage: bench/serve.sh [--duration SECONDS] [--connections N] [--threads N] [--jar FILE]
#   --duration S     seconds of load per endpoint, after a warm-up of the same length / 2 (default 15)
#   --connections N  concurrent keep-alive connections (default 16)
#   --threads N      wrk threads (default 2)
#   --jar FILE       the vcai jar (default target/vcai.jar, built if missing)
# Prints, for each endpoint, p99 latency and requests/s, the ratio of analyze-commit to /health, and the targets
# (p99 <= 50 ms, >= 1,000 requests/s for analyze-commit).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
duration=15 connections=16 threads=2 jar="$here/target/vcai.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "serve.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package)

tmp=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$tmp" && exec java -jar "$jar" serve --port "$port" >"$tmp/server.log" 2>&1) &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }

# One realistic commit: a bug fix touching code and its test (about 40 changed lines).
python3 - "$tmp/body.json" <<'PY'
import json, sys
code = "\n".join(f"+    int value{i} = compute({i}); // keeps the cache warm" for i in range(20))
test = "\n".join(f"+        assertEquals({i}, parser.parse(\"{i}\"));" for i in range(12))
diff = ("diff --git a/src/main/java/app/Parser.java b/src/main/java/app/Parser.java\n"
        "index 1111111..2222222 100644\n--- a/src/main/java/app/Parser.java\n+++ b/src/main/java/app/Parser.java\n"
        "@@ -10,3 +10,23 @@ class Parser {\n     int parse(String text) {\n-        return Integer.parseInt(text);\n"
        "+        return Integer.parseInt(text.strip());\n" + code + "\n     }\n"
        "diff --git a/src/test/java/app/ParserTest.java b/src/test/java/app/ParserTest.java\n"
        "index 3333333..4444444 100644\n--- a/src/test/java/app/ParserTest.java\n+++ b/src/test/java/app/ParserTest.java\n"
        "@@ -5,2 +5,14 @@ class ParserTest {\n     void parses() {\n" + test + "\n     }\n")
json.dump({"commit_hash": "0123456789abcdef0123456789abcdef01234567",
           "message": "fix(parser): accept numbers with surrounding spaces\n\nInput from forms carries blanks.", "diff": diff},
          open(sys.argv[1], "w"))
PY
cat >"$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$tmp/body.json", "r"); wrk.body = f:read("*a"); f:close()
LUA
status=$(curl -s -o "$tmp/reply.json" -w '%{http_code}' -XPOST -H 'Content-Type: application/json' --data-binary @"$tmp/body.json" \
  "http://127.0.0.1:$port/api/v1/vc-ai/inference/analyze-commit")
[ "$status" = 200 ] || { echo "serve.sh: analyze-commit answered HTTP $status: $(cat "$tmp/reply.json")" >&2; exit 1; }

# wrk's --latency table gives the 99% line; convert its unit to milliseconds.
run() { wrk -t"$threads" -c"$connections" -d"$1"s --latency "${@:2}"; }
ms() { awk '/^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}'; }
errors() { awk '/Non-2xx|Socket errors/ {print}'; }

warm=$(( duration / 2 > 1 ? duration / 2 : 1 ))
run "$warm" -s "$tmp/post.lua" "http://127.0.0.1:$port/api/v1/vc-ai/inference/analyze-commit" >/dev/null
run "$warm" "http://127.0.0.1:$port/health" >/dev/null
health=$(run "$duration" "http://127.0.0.1:$port/health")
analyze=$(run "$duration" -s "$tmp/post.lua" "http://127.0.0.1:$port/api/v1/vc-ai/inference/analyze-commit")
echo "$health$analyze" | errors >&2 || true

h99=$(echo "$health" | ms); hrps=$(echo "$health" | rps)
a99=$(echo "$analyze" | ms); arps=$(echo "$analyze" | rps)
echo "vcai serve on 127.0.0.1:$port, wrk -t$threads -c$connections -d${duration}s, $(nproc) cores"
printf '%-16s %10s %12s\n' endpoint "p99 ms" "requests/s"
printf '%-16s %10s %12s\n' /health "$h99" "$hrps"
printf '%-16s %10s %12s\n' analyze-commit "$a99" "$arps"
awk -v a99="$a99" -v h99="$h99" -v arps="$arps" -v hrps="$hrps" 'BEGIN {
  printf "ratio analyze-commit / health: p99 %.1fx, throughput %.2fx\n", a99 / h99, arps / hrps
  printf "targets: p99 <= 50 ms: %s; >= 1000 requests/s: %s\n", (a99 <= 50 ? "PASS" : "FAIL"), (arps >= 1000 ? "PASS" : "FAIL")
}'
