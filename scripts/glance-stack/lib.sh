# shellcheck shell=bash
# Shared helpers for up.sh / down.sh (sourced, not executed).
#
# Process identity: every uWSGI master we start carries TSGLANCE_STACK=<state
# dir> in its initial environment (inherited by its workers), so a recorded
# PID is only ever signalled if /proc/PID/exe is uWSGI *and* that variable
# matches this state dir. Nothing is ever looked up or killed by name.

MARKER_NAME=.tsglance-stack

_ts() { date +%H:%M:%S; }
say() { printf '[%s %s] %s\n' "$LOG_TAG" "$(_ts)" "$*"; }
warn() { printf '[%s %s] WARNING: %s\n' "$LOG_TAG" "$(_ts)" "$*" >&2; }

# show_tail FILE [LINES]: print the end of a log file to stderr
show_tail() {
  local file=$1 lines=${2:-40}
  [[ -s $file ]] || return 0
  printf '\n----- last %s lines of %s -----\n' "$lines" "$file" >&2
  tail -n "$lines" "$file" >&2
  printf -- '----- end of %s -----\n\n' "$file" >&2
}

# die MESSAGE [LOGFILE...]: fail loudly, with the tail of the given logs
die() {
  local msg=$1 f
  shift
  for f in "$@"; do show_tail "$f" 60; done
  printf '[%s %s] FAILED: %s\n' "$LOG_TAG" "$(_ts)" "$msg" >&2
  exit 1
}

# now_ms / since_ms START: wall-clock timing in milliseconds / seconds
now_ms() { date +%s%3N; }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100)); }

# read_pid NAME: the PID recorded in $STATE_DIR/run/NAME.pid (digits only)
read_pid() {
  local f=$STATE_DIR/run/$1.pid
  [[ -s $f ]] || return 1
  local pid
  pid=$(tr -dc '0-9' <"$f")
  [[ -n $pid ]] && echo "$pid"
}

# is_ours PID: alive, a uWSGI binary, started for this state dir
is_ours() {
  local pid=$1 exe
  [[ -d /proc/$pid ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ $exe == */uwsgi* ]] || return 1
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "TSGLANCE_STACK=$STATE_DIR"
}

# running_pid NAME: print the recorded master PID if it is alive and ours
running_pid() {
  local pid
  pid=$(read_pid "$1") || return 1
  is_ours "$pid" || return 1
  echo "$pid"
}

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT
port_in_use() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# children_of PID: direct child PIDs (uWSGI workers of a master)
children_of() {
  cat /proc/"$1"/task/*/children 2>/dev/null | tr -s ' \n' ' ' || true
}

# stop_service NAME: SIGTERM the recorded master, wait, SIGKILL leftovers
# (master and the workers it had) - only PIDs that pass is_ours.
stop_service() {
  local name=$1 pid kids k i
  pid=$(read_pid "$name") || { say "$name: no pid file"; return 0; }
  if ! is_ours "$pid"; then
    say "$name: recorded pid $pid is not running (or is not ours): nothing to stop"
    rm -f "$STATE_DIR/run/$name.pid"
    return 0
  fi
  kids=$(children_of "$pid")
  say "$name: stopping uWSGI master $pid (workers: ${kids:-none})"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do is_ours "$pid" || break; sleep 0.1; done
  if is_ours "$pid"; then
    warn "$name: master $pid ignored SIGTERM for 10s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for k in $kids; do
    for ((i = 0; i < 50; i++)); do is_ours "$k" || break; sleep 0.1; done
    if is_ours "$k"; then
      warn "$name: worker $k still alive, sending SIGKILL"
      kill -KILL "$k" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 20; i++)); do is_ours "$pid" || break; sleep 0.1; done
  rm -f "$STATE_DIR/run/$name.pid"
  say "$name: stopped"
}
