#!/usr/bin/env bash
# Transfer benchmark: upload (image-create --file) and verified download of
# one SIZE_MIB image by tsglance, glance and curl in the same run, against
# the test stack, each RUNS times, interleaved. Reports the median wall time
# and throughput, and the highest peak RSS (GNU time's maxresident) of each
# client, and fails if tsglance's peak RSS reaches the RSS_LIMIT_MIB budget.
# Not part of the test suites: run it on demand.
#
#   bench/transfer.sh [SIZE_MIB]      (default 1024)
#
# Env: TSGLANCE_STACK_DIR (default /tmp/tsglance-stack), RSS_LIMIT_MIB (120),
# TRANSFER_RUNS (3; 1 above 2 GiB).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
RSS_LIMIT_MIB=${RSS_LIMIT_MIB:-120}
RUNS=${TRANSFER_RUNS:-$((SIZE_MIB > 2048 ? 1 : 3))}
# shellcheck source=lib.sh
. bench/lib.sh
bench_preamble

WORK=$(mktemp -d /tmp/tsglance-bench.XXXXXX)
IDS=()
cleanup() {
  for id in "${IDS[@]}"; do delete_image "$id" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

IMG=$WORK/bench.img
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$IMG"
BYTES=$(stat -c %s "$IMG")

# measure NAME CMD... : runs CMD under GNU time, appends "NAME wall_s rss_kib"
# to the results. Dirty pages are flushed first: otherwise a client pays for
# writing out the bytes of whatever ran before it (the 10 GiB source file, the
# previous upload's copy in the store), and the first client pays the most.
measure() {
  local name=$1; shift
  sync
  /usr/bin/time -f '%e %M' -o "$WORK/time.$name" "$@" >"$WORK/out.$name" 2>"$WORK/err.$name" </dev/null \
    || { echo "$name failed:" >&2; cat "$WORK/err.$name" >&2; exit 1; }
  read -r wall rss <"$WORK/time.$name"
  echo "$name $wall $rss" >>"$WORK/results"
}

image_id_of() { grep -E '^\| id ' "$1" | awk '{print $4}'; }
# Images go as soon as they are measured, so a 10 GiB run fits the disk.
delete_image() { node bin/run.js image-delete "$1" >/dev/null; }
create_args=(--name "bench-$$" --disk-format raw --container-format bare --file "$IMG")
# curl: the same two requests' worth of work with a pre-fetched token
read -r GLANCE TOKEN < <(glance_endpoint_and_token)
curl_create() {
  curl -sf -X POST "$GLANCE/v2/images" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"bench-curl","disk_format":"raw","container_format":"bare"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))'
}

# Uploads. tsglance's first image stays, for the downloads.
TS_ID=
for ((run = 1; run <= RUNS; run++)); do
  measure tsglance-upload node bin/run.js image-create "${create_args[@]}"
  id=$(image_id_of "$WORK/out.tsglance-upload"); IDS+=("$id")
  if [[ -z $TS_ID ]]; then TS_ID=$id; else delete_image "$id"; fi
  measure glance-upload env HOME="$(glance_home)" glance image-create "${create_args[@]}"
  id=$(image_id_of "$WORK/out.glance-upload"); IDS+=("$id"); delete_image "$id"
  id=$(curl_create); IDS+=("$id")
  measure curl-upload curl -sf -X PUT "$GLANCE/v2/images/$id/file" -H "X-Auth-Token: $TOKEN" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' -T "$IMG"
  delete_image "$id"
done
IDS=("$TS_ID")

# Downloads: warm the image cache first (a first, uncached download has no
# Content-Length), then time each client on the cached image. Last, what
# verifying costs at best: curl piped into sha512sum (the image's
# os_hash_algo, which tsglance and glance check), the hash running in a
# process of its own, on the other core.
curl -sf -o /dev/null "$GLANCE/v2/images/$TS_ID/file" -H "X-Auth-Token: $TOKEN"
for ((run = 1; run <= RUNS; run++)); do
  measure tsglance-download node bin/run.js image-download "$TS_ID" --file "$WORK/ts.out"
  cmp -s "$IMG" "$WORK/ts.out" || { echo "tsglance download differs from the source" >&2; exit 1; }
  rm -f "$WORK/ts.out"
  measure glance-download env HOME="$(glance_home)" glance image-download "$TS_ID" --file "$WORK/gl.out"
  rm -f "$WORK/gl.out"
  measure curl-download curl -sf -o "$WORK/curl.out" "$GLANCE/v2/images/$TS_ID/file" -H "X-Auth-Token: $TOKEN"
  rm -f "$WORK/curl.out"
  measure curl-sha512sum-download bash -c 'curl -sf "$1" -H "X-Auth-Token: $2" | sha512sum >/dev/null' _ "$GLANCE/v2/images/$TS_ID/file" "$TOKEN"
done

# The table, and a summary ("NAME median_wall_s max_rss_mib") for the targets.
node - "$WORK/results" "$BYTES" "$RSS_LIMIT_MIB" "$RUNS" "$WORK/summary" >"$WORK/table" <<'JS' || STATUS=$?
const fs = require('fs')
const [file, bytes, limit, runs, summary] = process.argv.slice(2)
const by = {}
for (const [name, wall, rss] of fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '))) {
  by[name] ??= { walls: [], rss: 0 }
  by[name].walls.push(+wall)
  by[name].rss = Math.max(by[name].rss, +rss / 1024)
}
for (const r of Object.values(by)) r.wall = r.walls.sort((a, b) => a - b)[Math.floor((r.walls.length - 1) / 2)]
fs.writeFileSync(summary, Object.entries(by).map(([n, r]) => `${n} ${r.wall} ${r.rss.toFixed(1)}`).join('\n') + '\n')
const mib = +bytes / 1048576
console.log(`\nimage: ${mib} MiB, ${runs} run(s) of each: median wall time, highest peak RSS\n`)
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
wall() { awk -v n="$1" '$1 == n {print $2}' "$WORK/summary"; }
rss_mib() { awk -v n="$1" '$1 == n {print $3}' "$WORK/summary"; }
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
