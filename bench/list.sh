#!/usr/bin/env bash
# image-list over a large catalogue: tsglance vs glance vs curl (paging with
# the largest page, 1000), medians of RUNS runs, token + image URL for all so
# only listing is timed. Seeds COUNT images once (bench/seed-images.mjs), so
# it refuses the e2e test stack: use bench/run.sh, or point
# TSGLANCE_STACK_DIR at a stack of its own.
#
#   bench/list.sh [COUNT] [RUNS]      (defaults 5000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-5000}
RUNS=${2:-5}
# shellcheck source=lib.sh
. bench/lib.sh
bench_preamble
[[ $(cd "$STACK" && pwd) != /tmp/tsglance-stack ]] || { echo "refusing to add $COUNT images to the e2e test stack; use bench/run.sh" >&2; exit 1; }
WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

node bench/seed-images.mjs "$COUNT"
read -r IMAGE_URL TOKEN < <(glance_endpoint_and_token)
TOKEN_ARGS=(--os-auth-token "$TOKEN" --os-image-url "$IMAGE_URL")

# curl_pages: every page of the listing, following Glance's next links.
curl_pages() {
  local next="/v2/images?limit=1000&sort_key=name&sort_dir=asc" page
  while [[ -n $next ]]; do
    page=$(curl -sf -H "X-Auth-Token: $TOKEN" "$IMAGE_URL$next")
    next=$(grep -o '"next": *"[^"]*"' <<<"$page" | sed 's/.*"\(\/[^"]*\)"$/\1/' || true)
  done
}

node bin/run.js "${TOKEN_ARGS[@]}" image-list >"$WORK/ts.out"
glance "${TOKEN_ARGS[@]}" image-list >"$WORK/gl.out" </dev/null
cmp -s "$WORK/ts.out" "$WORK/gl.out" || { echo "tsglance and glance listings differ" >&2; diff "$WORK/ts.out" "$WORK/gl.out" | head >&2; exit 1; }
ROWS=$(($(wc -l <"$WORK/ts.out") - 4))

TS=$(median_ms node bin/run.js "${TOKEN_ARGS[@]}" image-list)
GL=$(median_ms glance "${TOKEN_ARGS[@]}" image-list)
CU=$(median_ms curl_pages)
echo "image-list of $ROWS images (identical tables), median of $RUNS runs"
echo
echo "| client | ms | vs glance | vs curl |"
echo "|---|---|---|---|"
for row in "tsglance $TS" "glance $GL" "curl $CU"; do
  read -r client ms <<<"$row"
  echo "| $client | $ms | $(ratio "$ms" "$GL")x | $(ratio "$ms" "$CU")x |"
done
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
target "image-list of $ROWS images vs glance" "$(ratio "$TS" "$GL")" '<=' 0.3
