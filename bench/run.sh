#!/usr/bin/env bash
# The benchmark: ledger import and the export job on a generated ledger of 1,000,000 events, beside
# a reference of 10,000 in the same run; prints a table (see bench/README.md). Extra arguments go to
# Maven, e.g. bench/run.sh -Dbenchmark.customers=10000 for 100,000 events.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/benchmark
mvn --batch-mode test -Dbenchmark=true -Dtest=MillionEventsBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee target/benchmark/benchmark.log
