#!/usr/bin/env bash
# The benchmark: the product beside hand-written floors of its own on the same generated data, at two
# sizes (default 20,000 and 1,000,000 events), interleaved repeats, medians; prints a table per size
# and the goals, also written to target/benchmark/benchmark.md (see bench/README.md). Extra arguments
# go to Maven (both the package and the test), e.g. bench/run.sh -Dbenchmark.sizes=500,2000 -Dbenchmark.repeats=1 for a quick check.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/benchmark
# the product runs from its jar and class-data archive, as README runs it: package them first
mvn --batch-mode package -DskipTests "$@" 2>&1 | tee target/benchmark/benchmark.log
mvn --batch-mode test -Dbenchmark=true -Dtest=FloorBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee -a target/benchmark/benchmark.log
