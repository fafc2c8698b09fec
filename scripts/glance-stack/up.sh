#!/usr/bin/env bash
# Start (or refresh) the tsglance test stack: a real Keystone + Glance on
# 127.0.0.1, from Debian bookworm packages, under uWSGI, with sqlite.
#
#   scripts/glance-stack/up.sh [STATE_DIR]
#
# See README.md next to this file for the environment variables and the
# files written into STATE_DIR. Safe to re-run: healthy servers whose config
# did not change are kept, anything missing is (re)created.
set -Eeuo pipefail

T0=$(date +%s%3N)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=up
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# ------------------------------------------------------------------ settings
STATE_DIR=${1:-${STATE_DIR:-/tmp/tsglance-stack}}
export KEYSTONE_PORT=${KEYSTONE_PORT:-5000}
export SHORT_TOKEN_PORT=${SHORT_TOKEN_PORT:-5001} SHORT_TOKEN_LIFETIME=${SHORT_TOKEN_LIFETIME:-60}
export GLANCE_PORT=${GLANCE_PORT:-9292}
export REGION=${REGION:-RegionOne}
export ADMIN_PASS=${ADMIN_PASS:-admin-pass}
export DEMO_PASS=${DEMO_PASS:-demo-pass}
export ALT_PASS=${ALT_PASS:-alt-pass}
export GLANCE_PASS=${GLANCE_PASS:-glance-pass}
export TOKEN_PROVIDER=${TOKEN_PROVIDER:-fernet}
export USE_KEYSTONE_LIMITS=${USE_KEYSTONE_LIMITS:-true}
export KEYSTONE_WORKERS=${KEYSTONE_WORKERS:-2} KEYSTONE_THREADS=${KEYSTONE_THREADS:-8}
export GLANCE_WORKERS=${GLANCE_WORKERS:-2} GLANCE_THREADS=${GLANCE_THREADS:-8}
export STACK_DEBUG=${STACK_DEBUG:-false}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}

for p in KEYSTONE_PORT SHORT_TOKEN_PORT GLANCE_PORT; do
  [[ ${!p} =~ ^[0-9]+$ ]] && ((${!p} > 0 && ${!p} < 65536)) || die "$p=${!p} is not a port number"
done
[[ $(printf '%s\n' "$KEYSTONE_PORT" "$SHORT_TOKEN_PORT" "$GLANCE_PORT" | sort -u | wc -l) == 3 ]] \
  || die "KEYSTONE_PORT, SHORT_TOKEN_PORT and GLANCE_PORT must differ"
for p in KEYSTONE_WORKERS KEYSTONE_THREADS GLANCE_WORKERS GLANCE_THREADS STARTUP_TIMEOUT SHORT_TOKEN_LIFETIME; do
  [[ ${!p} =~ ^[1-9][0-9]*$ ]] || die "$p=${!p} must be a positive integer"
done
[[ $STACK_DEBUG =~ ^(true|false)$ ]] || die "STACK_DEBUG must be true or false"
[[ $USE_KEYSTONE_LIMITS =~ ^(true|false)$ ]] || die "USE_KEYSTONE_LIMITS must be true or false"
[[ $TOKEN_PROVIDER =~ ^(fernet|jws)$ ]] || die "TOKEN_PROVIDER must be fernet or jws"
for p in ADMIN_PASS DEMO_PASS ALT_PASS GLANCE_PASS; do
  [[ -n ${!p} && ${!p} != *[$'\n\r']* ]] || die "$p must be a non-empty single line"
done

# Debian's python and tools only: no pyenv/venv python, no caller OS_* creds
PY=/usr/bin/python3
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV PYTHONSTARTUP
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^OS_' || true)
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

# ------------------------------------------------------------ state dir
mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
export STATE_DIR
if [[ ! -e $STATE_DIR/$MARKER_NAME && -n $(ls -A "$STATE_DIR") ]]; then
  die "$STATE_DIR is not empty and has no $MARKER_NAME marker: refusing to use it"
fi
touch "$STATE_DIR/$MARKER_NAME"   # down.sh only deletes dirs carrying it
ETC_KS=$STATE_DIR/etc/keystone ETC_GL=$STATE_DIR/etc/glance
LOGS=$STATE_DIR/log RUN=$STATE_DIR/run
mkdir -p "$ETC_KS/policy.d" "$ETC_GL/policy.d" "$LOGS" "$RUN" "$STATE_DIR"/{db,lock,cache,staging,tasks,task-work} \
  "$STATE_DIR/images/fast" "$STATE_DIR/images/cheap"
chmod 700 "$STATE_DIR/etc"

# Any unexpected failure: say where, show the log of the current step.
STEP_LOG=
BG_PID=
on_err() {
  local rc=$? line=$1 cmd=$2
  trap - ERR
  [[ -n $STEP_LOG ]] && show_tail "$STEP_LOG" 40
  printf '[up %s] FAILED (exit %s) at up.sh line %s: %s\n' "$(_ts)" "$rc" "$line" "$cmd" >&2
  printf '[up] state dir: %s  (logs in %s; clean up with %s/down.sh %s)\n' \
    "$STATE_DIR" "$LOGS" "$HERE" "$STATE_DIR" >&2
}
on_exit() {
  # never leave our own background job behind on failure
  if [[ -n $BG_PID ]] && kill -0 "$BG_PID" 2>/dev/null; then
    local kids
    kids=$(children_of "$BG_PID")
    kill "$BG_PID" $kids 2>/dev/null || true
  fi
}
trap 'on_err $LINENO "$BASH_COMMAND"' ERR
trap on_exit EXIT

say "state dir $STATE_DIR, keystone :$KEYSTONE_PORT (short tokens :$SHORT_TOKEN_PORT), glance :$GLANCE_PORT"
# pre-flight: a port held by something that is not this stack is fatal
for svc in keystone:$KEYSTONE_PORT keystone-short:$SHORT_TOKEN_PORT glance-api:$GLANCE_PORT; do
  if ! running_pid "${svc%%:*}" >/dev/null && port_in_use "${svc##*:}"; then
    die "port 127.0.0.1:${svc##*:} (for ${svc%%:*}) is already in use by another process: set KEYSTONE_PORT / SHORT_TOKEN_PORT / GLANCE_PORT to free ports"
  fi
done

# ------------------------------------------------------ 1. Debian packages
# glance-common ships glance-wsgi-api, glance-manage, the paste pipeline and
# the metadefs; the "keystone" / "glance-api" debs are deliberately NOT
# installed (their postinst starts system services on :5000 / :9292).
# openssl: the e2e TLS tests make a throwaway CA with its command line.
# python3-tempest, python3-os-client-config: what python3-glanceclient's own
# functional tests import (test/e2e/glanceclient-functional.test.ts).
PACKAGES=(python3-keystone python3-keystonemiddleware python3-keystoneclient
          python3-glance python3-glance-store glance-common python3-oslo.limit
          python3-glanceclient python3-openstackclient
          python3-tempest python3-os-client-config
          uwsgi-core uwsgi-plugin-python3 curl qemu-utils openssl)
T=$(now_ms)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  say "packages: all ${#PACKAGES[@]} present"
else
  [[ $(id -u) == 0 ]] || die "missing Debian packages (${missing[*]}) and not root: install them first"
  STEP_LOG=$LOGS/apt.log
  say "packages: installing ${missing[*]} (log $STEP_LOG)"
  APT=(apt-get -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef
       -o Dpkg::Options::=--force-confold)
  if ! "${APT[@]}" install --no-install-recommends "${missing[@]}" </dev/null >>"$STEP_LOG" 2>&1; then
    say "packages: install failed, running apt-get update and retrying"
    "${APT[@]}" update </dev/null >>"$STEP_LOG" 2>&1 || warn "apt-get update failed"
    "${APT[@]}" install --no-install-recommends "${missing[@]}" </dev/null >>"$STEP_LOG" 2>&1 \
      || die "apt-get install failed" "$STEP_LOG"
  fi
  say "packages: installed in $(since "$T")"
fi
for f in /usr/bin/uwsgi /usr/bin/keystone-manage /usr/bin/keystone-wsgi-public \
         /usr/bin/glance-manage /usr/bin/glance-wsgi-api /usr/bin/glance \
         /usr/share/glance-common/glance-api-paste.ini /usr/share/glance-common/metadefs; do
  [[ -e $f ]] || die "$f is missing although the packages are installed"
done
[[ -e /usr/lib/uwsgi/plugins/python3_plugin.so ]] || die "uWSGI python3 plugin missing"

# ------------------------------------------------------------- helpers
STACKCTL=("$PY" "$HERE/stackctl.py")

# http_code URL [curl args...]
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" 2>/dev/null || true; }

conf_digest() { cat "$@" | sha256sum | cut -c1-64; }

# ensure_service NAME INI PORT PROBE_URL CONFIG_FILES...
# Keeps a running master if it is ours, answers PROBE_URL and runs the
# current config; otherwise (re)starts it. Does not wait for readiness.
ensure_service() {
  local name=$1 ini=$2 port=$3 probe=$4 digest pid old code i
  shift 4
  digest=$(conf_digest "$ini" "$@")
  old=$(cat "$RUN/$name.digest" 2>/dev/null || true)
  if pid=$(running_pid "$name"); then
    code=$(http_code "$probe")
    if [[ $old == "$digest" && $code =~ ^[23] ]]; then
      say "$name: already running and healthy (master pid $pid): kept"
      return 0
    fi
    if [[ $old != "$digest" ]]; then
      say "$name: config changed: restarting"
    else
      say "$name: running but $probe answers HTTP $code: restarting"
    fi
    stop_service "$name"
  fi
  rm -f "$RUN/$name.pid"
  if port_in_use "$port"; then
    die "$name: port 127.0.0.1:$port is already in use by another process (not this stack): set KEYSTONE_PORT / SHORT_TOKEN_PORT / GLANCE_PORT to free ports"
  fi
  touch "$LOGS/$name.log"
  stat -c %s "$LOGS/$name.log" >"$RUN/$name.logpos"   # wait_ready reads from here
  printf '\n===== %s starting %s (ini %s)\n' "$(date -Is)" "$name" "$ini" >>"$LOGS/$name.log"
  (
    cd "$STATE_DIR"
    exec setsid env TSGLANCE_STACK="$STATE_DIR" /usr/bin/uwsgi --ini "$ini"
  ) >>"$LOGS/$name.log" 2>&1 </dev/null &
  for ((i = 0; i < 100; i++)); do
    pid=$(running_pid "$name") && break
    sleep 0.1
  done
  [[ -n ${pid:-} ]] && is_ours "$pid" || die "$name: uWSGI did not start" "$LOGS/$name.log"
  echo "$digest" >"$RUN/$name.digest"
  say "$name: started, uWSGI master pid $pid (log $LOGS/$name.log)"
}

# wait_ready NAME URL CODE_REGEX
wait_ready() {
  local name=$1 url=$2 want=$3 deadline code= crashes
  deadline=$(($(date +%s) + STARTUP_TIMEOUT))
  while :; do
    code=$(http_code "$url")
    [[ $code =~ ^($want)$ ]] && return 0
    running_pid "$name" >/dev/null || die "$name: uWSGI master exited during start-up" "$LOGS/$name.log"
    # lazy-apps: a worker that cannot load the app dies and is respawned forever
    crashes=$(tail -c +$(($(cat "$RUN/$name.logpos" 2>/dev/null || echo 0) + 1)) "$LOGS/$name.log" \
      | grep -c 'DAMN ! worker' || true)
    ((crashes < 4)) || die "$name: uWSGI workers keep dying while loading the application" "$LOGS/$name.log"
    (($(date +%s) < deadline)) || die "$name: $url not ready after ${STARTUP_TIMEOUT}s (last HTTP code '$code')" "$LOGS/$name.log"
    sleep 0.25
  done
}

# ----------------------------------------- 2. Glance database (background)
# Only needs the database, so it overlaps with the Keystone work below.
T_GDB=$(now_ms)
"${STACKCTL[@]}" glance-db-config
(
  set -e
  GM=(/usr/bin/glance-manage --config-file "$ETC_GL/glance-manage.conf")
  echo "===== $(date -Is) glance-manage db_sync"
  "${GM[@]}" db_sync
  "$PY" -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' \
    "$STATE_DIR/db/glance.sqlite"
  echo "===== $(date -Is) glance-manage db_load_metadefs"
  "${GM[@]}" db_load_metadefs /usr/share/glance-common/metadefs
) >>"$LOGS/glance-manage.log" 2>&1 </dev/null &
BG_PID=$!
say "glance: db_sync + db_load_metadefs running in the background (pid $BG_PID)"

# ------------------------------------------------------------- 3. Keystone
T=$(now_ms)
STEP_LOG=$LOGS/keystone-manage.log
"${STACKCTL[@]}" keystone-config
"${STACKCTL[@]}" keystone-keys >>"$STEP_LOG" 2>&1
KM=(/usr/bin/keystone-manage --config-file "$ETC_KS/keystone.conf")
echo "===== $(date -Is) keystone-manage db_sync" >>"$STEP_LOG"
"${KM[@]}" db_sync >>"$STEP_LOG" 2>&1 </dev/null || die "keystone-manage db_sync failed" "$STEP_LOG"
"$PY" -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' \
  "$STATE_DIR/db/keystone.sqlite"
say "keystone: config, keys ($TOKEN_PROVIDER) and database ready ($(since "$T"))"

# the app needs a few seconds to load: start it while bootstrap runs
ensure_service keystone "$ETC_KS/keystone-uwsgi.ini" "$KEYSTONE_PORT" \
  "http://127.0.0.1:$KEYSTONE_PORT/v3" "$ETC_KS/keystone.conf" "$ETC_KS/policy.yaml"
# Same database and keys, tokens that expire within SHORT_TOKEN_LIFETIME s
# (the SDK soak test); everything else uses the main Keystone.
ensure_service keystone-short "$ETC_KS/keystone-short-uwsgi.ini" "$SHORT_TOKEN_PORT" \
  "http://127.0.0.1:$SHORT_TOKEN_PORT/v3" "$ETC_KS/keystone.conf" "$ETC_KS/keystone-short-token.conf" "$ETC_KS/policy.yaml"
KS_V3=http://127.0.0.1:$KEYSTONE_PORT/v3
SHORT_KS_V3=http://127.0.0.1:$SHORT_TOKEN_PORT/v3
echo "===== $(date -Is) keystone-manage bootstrap" >>"$STEP_LOG"
"${KM[@]}" bootstrap \
  --bootstrap-username admin --bootstrap-password "$ADMIN_PASS" \
  --bootstrap-project-name admin --bootstrap-role-name admin \
  --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
  --bootstrap-public-url "$KS_V3" --bootstrap-internal-url "$KS_V3" \
  --bootstrap-admin-url "$KS_V3" >>"$STEP_LOG" 2>&1 </dev/null \
  || die "keystone-manage bootstrap failed" "$STEP_LOG"
wait_ready keystone "$KS_V3" 200
wait_ready keystone-short "$SHORT_KS_V3" 200
say "keystone: bootstrapped and answering on $KS_V3, short-token keystone on $SHORT_KS_V3 ($(since "$T"))"

# ------------------------------------------ 4. Keystone users, services...
T=$(now_ms)
STEP_LOG=$LOGS/provision.log
echo "===== $(date -Is) stackctl.py provision" >>"$STEP_LOG"
"${STACKCTL[@]}" provision >>"$STEP_LOG" 2>&1 </dev/null || die "provisioning Keystone failed" "$STEP_LOG"
say "keystone: users, projects, roles, image endpoints, limits, app credential ready ($(since "$T"))"

# --------------------------------------------------------------- 5. Glance
T=$(now_ms)
STEP_LOG=$LOGS/glance-manage.log
"${STACKCTL[@]}" glance-config
if ! wait "$BG_PID"; then
  BG_PID=
  die "glance-manage db_sync / db_load_metadefs failed" "$LOGS/glance-manage.log"
fi
BG_PID=
NAMESPACES=$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from metadef_namespaces").fetchone()[0])' \
  "$STATE_DIR/db/glance.sqlite")
say "glance: database ready, $NAMESPACES metadef namespaces (background job took $(since "$T_GDB"))"
((NAMESPACES > 0)) || die "glance: no metadef namespaces were loaded" "$LOGS/glance-manage.log"

STEP_LOG=$LOGS/glance-api.log
GLANCE_URL=http://127.0.0.1:$GLANCE_PORT
ensure_service glance-api "$ETC_GL/glance-uwsgi.ini" "$GLANCE_PORT" "$GLANCE_URL/healthcheck" \
  "$ETC_GL/glance-api.conf" "$ETC_GL/glance-api-paste.ini" "$ETC_GL/policy.yaml" "$ETC_GL/schema-image.json"
wait_ready glance-api "$GLANCE_URL/healthcheck" 200
wait_ready glance-api "$GLANCE_URL/" 300
say "glance: answering on $GLANCE_URL ($(since "$T"))"

# ------------------------------------------------ 6. end-to-end self check
T=$(now_ms)
STEP_LOG=
token_for() { # USER PASSWORD PROJECT [KEYSTONE_V3] -> X-Subject-Token
  curl -s -D - -o /dev/null --max-time 20 -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$1\",\"domain\":{\"id\":\"default\"},\"password\":\"$2\"}}},\"scope\":{\"project\":{\"name\":\"$3\",\"domain\":{\"id\":\"default\"}}}}}" \
    "${4:-$KS_V3}/auth/tokens" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}
json_pw() { "$PY" -c 'import json,sys; print(json.dumps(sys.argv[1])[1:-1])' "$1"; }
TOKEN=$(token_for demo "$(json_pw "$DEMO_PASS")" demo) || true
[[ -n $TOKEN ]] || die "self-check: Keystone did not issue a token for demo" "$LOGS/keystone.log"
code=$(http_code -H "X-Auth-Token: $TOKEN" "$GLANCE_URL/v2/images")
[[ $code == 200 ]] || die "self-check: GET /v2/images as demo returned HTTP $code" "$LOGS/glance-api.log"
CHECKED=/v2/images
if [[ $USE_KEYSTONE_LIMITS == true ]]; then
  code=$(http_code -H "X-Auth-Token: $TOKEN" "$GLANCE_URL/v2/info/usage")
  [[ $code == 200 ]] || die "self-check: GET /v2/info/usage (unified limits) returned HTTP $code" "$LOGS/glance-api.log"
  CHECKED+=", /v2/info/usage"
fi
TOKEN=$(token_for demo "$(json_pw "$DEMO_PASS")" demo "$SHORT_KS_V3") || true
[[ -n $TOKEN ]] || die "self-check: the short-token Keystone did not issue a token for demo" "$LOGS/keystone-short.log"
code=$(http_code -H "X-Auth-Token: $TOKEN" "$GLANCE_URL/v2/images")
[[ $code == 200 ]] || die "self-check: GET /v2/images with a short-token Keystone token returned HTTP $code" "$LOGS/glance-api.log"
say "self-check: demo tokens of both Keystones accepted by Glance ($CHECKED) ($(since "$T"))"

# ---------------------------------------------------------------- summary
KS_PID=$(running_pid keystone) GL_PID=$(running_pid glance-api) KS_SHORT_PID=$(running_pid keystone-short)
"${STACKCTL[@]}" finalize "$KS_PID" "$GL_PID" "$KS_SHORT_PID"
cat <<EOF

tsglance glance-stack is up in $(since "$T0")
  keystone   $KS_V3  (uWSGI master $KS_PID, workers $(children_of "$KS_PID"); tokens: $TOKEN_PROVIDER)
             $SHORT_KS_V3  (same database and keys, tokens valid ${SHORT_TOKEN_LIFETIME}s; uWSGI master $KS_SHORT_PID)
  glance     $GLANCE_URL  (uWSGI master $GL_PID, workers $(children_of "$GL_PID"))
             stores fast (default) / cheap / web(http, read-only); imports glance-direct, web-download, copy-image
             cache + cache API, metadefs ($NAMESPACES namespaces), unified limits: $USE_KEYSTONE_LIMITS
  users      admin/admin  demo/demo  alt/alt  glance/service   (passwords in stack.json)
  files      $STATE_DIR/stack.json
             $STATE_DIR/clouds.yaml   (admin, demo, alt, demo-appcred)
             $STATE_DIR/{admin,demo,alt}-openrc
  logs       $LOGS/
  stop       $HERE/down.sh $STATE_DIR
EOF
