#!/usr/bin/env bash
# Transfer benchmark: upload (image-create --file) and verified download of
# one SIZE_MIB image by tsglance, glance and curl in the same run, against
# the test stack. Reports wall time, throughput and peak RSS of each client
# (GNU time's maxresident), and fails if tsglance's peak RSS reaches the
# RSS_LIMIT_MIB budget. Not part of the test suites: run it on demand.
#
#   bench/transfer.sh [SIZE_MIB]      (default 1024)
#
# Env: TSGLANCE_STACK_DIR (default /tmp/tsglance-stack), RSS_LIMIT_MIB (120).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
RSS_LIMIT_MIB=${RSS_LIMIT_MIB:-120}
# shellcheck source=lib.sh
. bench/lib.sh
bench_preamble

WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
IDS=()
cleanup() {
  for id in "${IDS[@]}"; do node bin/run.js image-delete "$id" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

IMG=$WORK/bench.img
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$IMG"
BYTES=$(stat -c %s "$IMG")

# measure NAME CMD... : runs CMD under GNU time, prints "NAME wall_s rss_kib"
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.$name" "$@" >"$WORK/out.$name" 2>"$WORK/err.$name" </dev/null \
    || { echo "$name failed:" >&2; cat "$WORK/err.$name" >&2; exit 1; }
  read -r wall rss <"$WORK/time.$name"
  echo "$name $wall $rss" >>"$WORK/results"
}

image_id_of() { grep -E '^\| id ' "$1" | awk '{print $4}'; }
create_args=(--name "bench-$$" --disk-format raw --container-format bare --file "$IMG")

measure tsglance-upload node bin/run.js image-create "${create_args[@]}"
TS_ID=$(image_id_of "$WORK/out.tsglance-upload"); IDS+=("$TS_ID")
measure glance-upload env HOME="$(glance_home)" glance image-create "${create_args[@]}"
GL_ID=$(image_id_of "$WORK/out.glance-upload"); IDS+=("$GL_ID")

# curl: the same two requests' worth of work with a pre-fetched token
read -r GLANCE TOKEN < <(glance_endpoint_and_token)
CURL_ID=$(curl -sf -X POST "$GLANCE/v2/images" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench-curl","disk_format":"raw","container_format":"bare"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')
IDS+=("$CURL_ID")
measure curl-upload curl -sf -X PUT "$GLANCE/v2/images/$CURL_ID/file" -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/octet-stream' -H 'Expect:' -T "$IMG"

# Only tsglance's image is downloaded: the other two go now, and each
# download is removed once measured, so a 10 GiB run fits the disk.
for id in "$GL_ID" "$CURL_ID"; do node bin/run.js image-delete "$id" >/dev/null; done
IDS=("$TS_ID")

# Downloads: warm the image cache first (a first, uncached download has no
# Content-Length), then time each client on the cached image.
curl -sf -o /dev/null "$GLANCE/v2/images/$TS_ID/file" -H "X-Auth-Token: $TOKEN"
measure tsglance-download node bin/run.js image-download "$TS_ID" --file "$WORK/ts.out"
cmp -s "$IMG" "$WORK/ts.out" || { echo "tsglance download differs from the source" >&2; exit 1; }
rm -f "$WORK/ts.out"
measure glance-download env HOME="$(glance_home)" glance image-download "$TS_ID" --file "$WORK/gl.out"
rm -f "$WORK/gl.out"
measure curl-download curl -sf -o "$WORK/curl.out" "$GLANCE/v2/images/$TS_ID/file" -H "X-Auth-Token: $TOKEN"
rm -f "$WORK/curl.out"
# What verifying costs at best: curl piped into sha512sum (the image's
# os_hash_algo, which tsglance and glance check), the hash running in a
# process of its own, on the other core.
measure curl-sha512sum-download bash -c 'curl -sf "$1" -H "X-Auth-Token: $2" | sha512sum >/dev/null' _ "$GLANCE/v2/images/$TS_ID/file" "$TOKEN"

node - "$WORK/results" "$BYTES" "$RSS_LIMIT_MIB" >"$WORK/table" <<'JS' || STATUS=$?
const fs = require('fs')
const [file, bytes, limit] = process.argv.slice(2)
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '))
const by = Object.fromEntries(rows.map(([n, wall, rss]) => [n, { wall: +wall, rss: +rss / 1024 }]))
const mib = +bytes / 1048576
console.log(`\nimage: ${mib} MiB\n`)
console.log('| client | op | wall s | MiB/s | peak RSS MiB | time vs curl |')
console.log('|---|---|---|---|---|---|')
let over = false
for (const op of ['upload', 'download']) {
  for (const client of op === 'upload' ? ['tsglance', 'glance', 'curl'] : ['tsglance', 'glance', 'curl', 'curl-sha512sum']) {
    const r = by[`${client}-${op}`]
    const ratio = (r.wall / by[`curl-${op}`].wall).toFixed(2)
    const label = client === 'curl-sha512sum' ? 'curl \\| sha512sum' : client
    console.log(`| ${label} | ${op} | ${r.wall.toFixed(2)} | ${(mib / r.wall).toFixed(0)} | ${r.rss.toFixed(1)} | ${ratio}x |`)
    if (client === 'tsglance' && r.rss >= +limit) over = true
  }
}
console.log(`\ntsglance peak RSS budget: < ${limit} MiB: ${over ? 'EXCEEDED' : 'held'}`)
process.exit(over ? 1 : 0)
JS
cat "$WORK/table"
wall() { awk -v n="$1" '$1 == n {print $2}' "$WORK/results"; }
rss_mib() { awk -v n="$1" '$1 == n {printf "%.1f", $3 / 1024}' "$WORK/results"; }
echo
echo "tsglance's verified download throughput vs curl | sha512sum (the limit for a client that verifies): $(ratio "$(wall curl-sha512sum-download)" "$(wall tsglance-download)")x"
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
target "upload throughput vs curl, ${SIZE_MIB} MiB" "$(ratio "$(wall curl-upload)" "$(wall tsglance-upload)")" '>=' 0.95
target "verified download throughput vs curl, ${SIZE_MIB} MiB" "$(ratio "$(wall curl-download)" "$(wall tsglance-download)")" '>=' 0.8
target "peak RSS MiB, upload ${SIZE_MIB} MiB" "$(rss_mib tsglance-upload)" '<' "$RSS_LIMIT_MIB"
target "peak RSS MiB, download ${SIZE_MIB} MiB" "$(rss_mib tsglance-download)" '<' "$RSS_LIMIT_MIB"
exit "${STATUS:-0}"
