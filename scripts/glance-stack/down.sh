#!/usr/bin/env bash
# Stop the tsglance test stack started by up.sh and delete its state dir.
#
#   scripts/glance-stack/down.sh [STATE_DIR]     (default $STATE_DIR or /tmp/tsglance-stack)
#
# Signals only the uWSGI masters recorded in STATE_DIR/run/*.pid and the
# workers they forked, after checking each PID really belongs to this stack
# (see lib.sh). STATE_DIR is removed only if it carries the stack marker.
# Set KEEP_STATE=1 to stop the servers but keep the directory (logs).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=down
# shellcheck source=lib.sh
. "$HERE/lib.sh"

STATE_DIR=${1:-${STATE_DIR:-/tmp/tsglance-stack}}
if [[ ! -d $STATE_DIR ]]; then
  say "$STATE_DIR does not exist: nothing to do"
  exit 0
fi
STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
[[ $STATE_DIR != / ]] || die "refusing to operate on /"
[[ -e $STATE_DIR/$MARKER_NAME ]] \
  || die "$STATE_DIR has no $MARKER_NAME marker: not a tsglance stack, not touching it"

# Glance first (it talks to Keystone), then Keystone, then anything else
# up.sh may have recorded.
names=(glance-api keystone)
shopt -s nullglob
for f in "$STATE_DIR"/run/*.pid; do
  n=$(basename "$f" .pid)
  [[ " ${names[*]} " == *" $n "* ]] || names+=("$n")
done
for n in "${names[@]}"; do stop_service "$n"; done

# Report (do not kill) anything still carrying this stack's identity.
left=()
for d in /proc/[0-9]*; do
  pid=${d#/proc/}
  is_ours "$pid" && left+=("$pid")
done
if ((${#left[@]})); then
  die "processes of this stack are still running: ${left[*]} (state dir kept)"
fi

if [[ ${KEEP_STATE:-0} == 1 ]]; then
  say "servers stopped; KEEP_STATE=1, kept $STATE_DIR"
else
  rm -rf -- "$STATE_DIR"
  say "removed $STATE_DIR"
fi
