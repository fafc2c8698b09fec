#!/usr/bin/env bash
# A script of 20 consecutive commands, as an operator's pipeline runs them
# (password auth from the openrc, no token passed): total wall time of the
# whole script for tsglance and glance, median of RUNS runs, and how many
# Keystone token requests each client made over one run. tsglance starts
# each run with an empty cache directory.
#
#   bench/script.sh [RUNS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
# shellcheck source=lib.sh
. bench/lib.sh
bench_preamble
WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TSGLANCE=$PWD/bin/run.js

# twenty CLIENT [GLOBAL OPTION...]: the 20 commands, on an image of their own.
twenty() {
  local c=("$@") id
  id=$("${c[@]}" image-create --name "bench-script-$$" --disk-format raw --container-format bare </dev/null | awk '$2 == "id" {print $4}')
  "${c[@]}" image-show "$id"
  "${c[@]}" image-update "$id" --name "bench-script-$$-renamed"
  "${c[@]}" image-tag-update "$id" t1
  "${c[@]}" image-tag-update "$id" t2
  "${c[@]}" image-tag-delete "$id" t1
  "${c[@]}" image-update "$id" --property bench=yes
  "${c[@]}" image-list --limit 5
  "${c[@]}" image-show "$id"
  "${c[@]}" member-list --image-id "$id"
  "${c[@]}" stores-info
  "${c[@]}" import-info
  "${c[@]}" usage
  "${c[@]}" md-namespace-list
  "${c[@]}" task-list
  "${c[@]}" image-list --tag t2
  "${c[@]}" image-update "$id" --remove-property bench
  "${c[@]}" explain image
  "${c[@]}" image-show "$id"
  "${c[@]}" image-delete "$id"
}

run_tsglance() { XDG_CACHE_HOME=$(mktemp -d "$WORK/cache.XXXX") twenty node "$TSGLANCE"; }
run_glance() { twenty glance; }

# One run with --debug, to count token requests (and prove every command works).
XDG_CACHE_HOME=$(mktemp -d "$WORK/cache.XXXX") twenty node "$TSGLANCE" --debug >"$WORK/ts.out" 2>"$WORK/ts.err" </dev/null
twenty glance --debug >"$WORK/gl.out" 2>"$WORK/gl.err" </dev/null
TS_AUTH=$(token_requests "$WORK/ts.err"); GL_AUTH=$(token_requests "$WORK/gl.err")

TS=$(median_ms run_tsglance); GL=$(median_ms run_glance)
echo "20 consecutive commands (password auth), median of $RUNS runs"
echo
echo "| client | script ms | per command ms | token requests | vs glance |"
echo "|---|---|---|---|---|"
echo "| tsglance | $TS | $((TS / 20)) | $TS_AUTH | $(ratio "$TS" "$GL")x |"
echo "| glance | $GL | $((GL / 20)) | $GL_AUTH | 1.00x |"
