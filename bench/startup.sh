#!/usr/bin/env bash
# Start-up and per-command cost: tsglance vs glance (and curl where it is the
# limit), medians of RUNS runs in one go, plus the HTTP requests each client
# makes for `image-create --file`. On demand only; needs the test stack.
#
#   bench/startup.sh [RUNS]        (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
STACK=${TSGLANCE_STACK_DIR:-/tmp/tsglance-stack}
[[ -f $STACK/admin-openrc ]] || { echo "no stack at $STACK: run scripts/glance-stack/up.sh" >&2; exit 1; }
[[ -f dist/cli/base-command.js ]] || { echo "build first: npm run build" >&2; exit 1; }
# shellcheck disable=SC1091
. "$STACK/admin-openrc"
export OS_IMAGE_API_VERSION=2
# shellcheck source=lib.sh
. bench/lib.sh
WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TS=(node bin/run.js)
read -r IMAGE_URL TOKEN < <(glance_endpoint_and_token)
TOKEN_ARGS=(--os-auth-token "$TOKEN" --os-image-url "$IMAGE_URL")

# median_ms CMD... : median wall time of RUNS runs, in milliseconds
median_ms() {
  local i t0 t1
  : >"$WORK/times"
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 </dev/null || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$WORK/times"
  done
  sort -n "$WORK/times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

row() { # row LABEL TSGLANCE_MS GLANCE_MS [CURL_MS]
  printf '| %s | %s | %s | %.2fx | %s |\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN{print a/b}')" "${4:--}"
}

echo "| case | tsglance ms | glance ms | tsglance/glance | curl ms |"
echo "|---|---|---|---|---|"
row "--version" "$(median_ms "${TS[@]}" --version)" "$(median_ms glance --version)"
row "help image-create" "$(median_ms "${TS[@]}" help image-create)" "$(median_ms glance help image-create)"
row "image-list (token + image URL)" \
  "$(median_ms "${TS[@]}" "${TOKEN_ARGS[@]}" image-list)" \
  "$(median_ms glance "${TOKEN_ARGS[@]}" image-list)" \
  "$(median_ms curl -sf -H "X-Auth-Token: $TOKEN" "$IMAGE_URL/v2/images?limit=200&sort_key=name&sort_dir=asc")"
row "image-list (password auth)" "$(median_ms "${TS[@]}" image-list)" "$(median_ms glance image-list)"

# Requests made by one image-create --file (password auth), from --debug.
head -c 1048576 /dev/urandom >"$WORK/img"
count_requests() { grep -c 'REQ: curl' "$1" || true; }
"${TS[@]}" --debug image-create --name bench-count --disk-format raw --container-format bare --file "$WORK/img" >"$WORK/ts.out" 2>"$WORK/ts.err"
glance --debug image-create --name bench-count --disk-format raw --container-format bare --file "$WORK/img" >"$WORK/gl.out" 2>"$WORK/gl.err" </dev/null || true
for f in ts gl; do
  id=$(grep -E '^\| id ' "$WORK/$f.out" | awk '{print $4}')
  [[ -n $id ]] && "${TS[@]}" image-delete "$id" >/dev/null 2>&1 || true
done
echo
echo "HTTP requests for image-create --file (password auth): tsglance $(count_requests "$WORK/ts.err"), glance $(count_requests "$WORK/gl.err")"
