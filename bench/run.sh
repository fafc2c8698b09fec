#!/usr/bin/env bash
# Every benchmark in one go, on a stack of its own (the e2e stack stays
# small), then one table of the performance targets.
#
#   bench/run.sh            1 GiB transfers
#   BENCH_BIG_MIB=10240 bench/run.sh     adds a 10 GiB transfer run (~40 GB of disk)
#
# Env: BENCH_STACK_DIR (/tmp/tsglance-bench-stack), BENCH_KEYSTONE_PORT (25000),
# BENCH_SHORT_TOKEN_PORT (25001), BENCH_GLANCE_PORT (29292), BENCH_MIB (1024),
# BENCH_BIG_MIB (unset).
set -euo pipefail
cd "$(dirname "$0")/.."
export TSGLANCE_STACK_DIR=${BENCH_STACK_DIR:-/tmp/tsglance-bench-stack}
# 5,000 listed images plus the others exceed the stack's default quota of 5,000.
KEYSTONE_PORT=${BENCH_KEYSTONE_PORT:-25000} SHORT_TOKEN_PORT=${BENCH_SHORT_TOKEN_PORT:-25001} \
  GLANCE_PORT=${BENCH_GLANCE_PORT:-29292} IMAGE_COUNT_LIMIT=20000 \
  scripts/glance-stack/up.sh "$TSGLANCE_STACK_DIR" >/dev/null
[[ -f dist/cli/base-command.js ]] || npm run build >/dev/null
BENCH_TARGETS=$(mktemp /tmp/tsglance-bench-targets.XXXXXX)
export BENCH_TARGETS
trap 'rm -f "$BENCH_TARGETS"' EXIT

echo "# tsglance benchmarks, $(date -u +%F), $(nproc) CPUs, node $(node --version), glance $(glance --version 2>&1)"
echo
echo "## Start-up"; echo; bench/startup.sh
echo; echo "## Transfers"; bench/transfer.sh "${BENCH_MIB:-1024}"
[[ -z ${BENCH_BIG_MIB:-} ]] || { echo; echo "## Transfers, large"; bench/transfer.sh "$BENCH_BIG_MIB"; }
echo; echo "## Listing"; echo; bench/list.sh
echo; echo "## Script of 20 commands"; echo; bench/script.sh
echo
echo "## Targets"
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
cat "$BENCH_TARGETS"
