#!/usr/bin/env bash
# Start-up and per-command cost: tsglance vs glance (and curl where it is the
# limit), medians of RUNS runs in one go, plus the HTTP requests each client
# makes for `image-create --file`. On demand only; needs the test stack.
#
#   bench/startup.sh [RUNS]        (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-11}
# shellcheck source=lib.sh
. bench/lib.sh
bench_preamble
WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TS=(node bin/run.js)
read -r IMAGE_URL TOKEN < <(glance_endpoint_and_token)
TOKEN_ARGS=(--os-auth-token "$TOKEN" --os-image-url "$IMAGE_URL")

row() { # row LABEL TSGLANCE_MS GLANCE_MS [CURL_MS]
  printf '| %s | %s | %s | %sx | %s |\n' "$1" "$2" "$3" "$(ratio "$2" "$3")" "${4:--}"
}

# The CLI keeps V8's code cache in $XDG_CACHE_HOME/tsglance/code (decision
# 0017): every row runs with it warm (one untimed run first, for glance too),
# and one row shows a first run, with an empty cache directory each time.
first_run() { XDG_CACHE_HOME=$(mktemp -d "$WORK/xdg.XXXXXX") "$@"; }
"${TS[@]}" "${TOKEN_ARGS[@]}" image-list --limit 20 >/dev/null 2>&1 </dev/null || true
glance "${TOKEN_ARGS[@]}" image-list --limit 20 >/dev/null 2>&1 </dev/null || true

echo "Cold start, median of $RUNS runs"
echo
echo "| case | tsglance ms | glance ms | tsglance/glance | curl ms |"
echo "|---|---|---|---|---|"
V_TS=$(median_ms "${TS[@]}" --version); V_GL=$(median_ms glance --version)
row "--version" "$V_TS" "$V_GL"
row "help image-create" "$(median_ms "${TS[@]}" help image-create)" "$(median_ms glance help image-create)"
# --limit 20: a small catalogue even on the bench stack, which holds list.sh's 5,000 images.
L_TS=$(median_ms "${TS[@]}" "${TOKEN_ARGS[@]}" image-list --limit 20); L_GL=$(median_ms glance "${TOKEN_ARGS[@]}" image-list --limit 20)
row "image-list (token + image URL)" "$L_TS" "$L_GL" \
  "$(median_ms curl -sf -H "X-Auth-Token: $TOKEN" "$IMAGE_URL/v2/images?limit=20&sort_key=name&sort_dir=asc")"
row "image-list, first run (no code cache)" "$(median_ms first_run "${TS[@]}" "${TOKEN_ARGS[@]}" image-list --limit 20)" "$L_GL"
row "image-list (password auth)" "$(median_ms "${TS[@]}" image-list --limit 20)" "$(median_ms glance image-list --limit 20)"

# Requests made by one image-create --file, from --debug: with password auth
# (a fresh token) and, for tsglance, again with the token it cached.
head -c 1048576 /dev/urandom >"$WORK/img"
create() { # create CLIENT OUT [EXTRA ENV...]
  local client=$1 out=$2; shift 2
  env "$@" "$client" --debug image-create --name bench-count --disk-format raw --container-format bare --file "$WORK/img" \
    >"$WORK/$out.out" 2>"$WORK/$out.err" </dev/null || true
  local id
  id=$(grep -E '^\| id ' "$WORK/$out.out" | awk '{print $4}')
  [[ -z $id ]] || "${TS[@]}" image-delete "$id" >/dev/null 2>&1 || true
}
CACHE_HOME=$(mktemp -d "$WORK/cache.XXXX")
create "$PWD/bin/run.js" ts-fresh XDG_CACHE_HOME="$CACHE_HOME"
create "$PWD/bin/run.js" ts-cached XDG_CACHE_HOME="$CACHE_HOME"
create glance gl HOME="$(glance_home)"
R_FRESH=$(http_requests "$WORK/ts-fresh.err"); R_CACHED=$(http_requests "$WORK/ts-cached.err"); R_GL=$(http_requests "$WORK/gl.err")
echo
echo "HTTP requests for image-create --file: tsglance $R_FRESH (password auth), $R_CACHED (cached token); glance $R_GL"
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
target "--version vs glance" "$(ratio "$V_TS" "$V_GL")" '<=' 0.2
target "image-list vs glance (token + URL)" "$(ratio "$L_TS" "$L_GL")" '<=' 0.3
target "image-create --file requests, password auth" "$R_FRESH" '<=' 5
target "image-create --file requests, cached token" "$R_CACHED" '<=' 4
