#!/usr/bin/env bash
# triton.sh - the change-type model embedded vs over KServe v2 gRPC, like Triton's perf_analyzer.
#
# Usage:
#   bench/triton.sh [--commits N] [--batch 1,16] [--concurrency 1,2,4,8] [--rounds K] [--dataset OWNER/NAME]
#
# The same N commits (rows of ../shared/datasets, default goreleaser/goreleaser, 2000) go through
#   (a) embedded : EmbeddedModel.classify, ONNX Runtime in this JVM;
#   (b) client   : vcai's Triton client (TritonModel over TritonClient) against vcai's KServe server
#                  (the one 'vcai kserve' runs) on 127.0.0.1, same JVM;
#   (c) bare     : one ModelInfer call with the generated blocking stub and nothing else.
# Every side starts from the commits' facts and builds the feature tensor (the same work); the requests carry
# --batch commits each and --concurrency workers keep that many requests outstanding. For every cell it prints
# throughput (commits/s), p50/p90/p95/p99 request latency and CPU per commit (the median of K alternating rounds after
# one warm-up round), then the client's overhead over the bare stub (target <= 10%) and its best throughput (target
# >= 2,000 classifications/s on 2 cores). Latency is wall time: on a shared machine read the CPU column too, and the
# load average printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Dvcai.datasets="${VCAI_DATASETS:-../shared/datasets}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.vcai.triton.TritonBench "$@" 2> >(grep -v -e '^INFO' -e '^[A-Z][a-z][a-z] [0-9]' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
