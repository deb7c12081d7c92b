#!/usr/bin/env bash
# The API benchmark: the export job over serve through a proxy adding 20 ms a request, at
# api.concurrency 1, 4 and 16, against the ideal; and serve alone under 16 threads (requests/s,
# p50/p99 latency), over a generated ledger of 1,000,000 events in H2; prints a table (see
# bench/README.md). Extra arguments go to Maven, e.g. bench/run-api.sh -Dbenchmark.customers=5000.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/benchmark
mvn --batch-mode test -Dbenchmark=true -Dtest=ApiBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee target/benchmark/api-benchmark.log
