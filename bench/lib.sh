# Shared by the bench scripts (source it after an openrc).

# glance_endpoint_and_token: prints "<glance endpoint> <token>": a Keystone
# token for the openrc's user and the Glance endpoint from its catalog, so
# curl can be timed on exactly the requests tsglance and glance make.
glance_endpoint_and_token() {
  node --input-type=module -e "
    import { authenticate } from './dist/sdk/auth/index.js'
    import { findEndpoint } from './dist/sdk/auth/catalog.js'
    import { HttpTransport } from './dist/sdk/transport/http-transport.js'
    const env = process.env
    const transport = new HttpTransport()
    const token = await authenticate(transport, { authUrl: env.OS_AUTH_URL, username: env.OS_USERNAME, password: env.OS_PASSWORD,
      projectName: env.OS_PROJECT_NAME, userDomainName: env.OS_USER_DOMAIN_NAME, projectDomainName: env.OS_PROJECT_DOMAIN_NAME })
    console.log(findEndpoint(token.catalog, { serviceType: 'image', interface: 'public' }) + ' ' + token.token)
    await transport.close()"
}

# From a client's --debug output: HTTP requests made, and those that were
# Keystone token requests. glance logs a token request as "Making
# authentication request", everything else (and all of tsglance's) as
# "REQ: curl ...".
http_requests() { grep -cE 'REQ: curl|Making authentication request' "$1" || true; }
token_requests() { grep -cE 'REQ: curl -g -i -X POST [^ ]*/auth/tokens|Making authentication request' "$1" || true; }

# glance_home: a new empty HOME for one glance run. glance 4.1.0 caches the
# image schema in ~/.glanceclient whenever it runs with --os-auth-token and
# --os-image-url, and every later run that finds that file dies at start-up
# ("argument --stores: conflicting option string: --stores"), which a timing
# would count as a fast glance. The `glance` function gives every run of the
# bench a HOME of its own; commands run by /usr/bin/time use glance_home.
glance_home() { mktemp -d "${WORK:?}/glance-home.XXXXXX"; }
glance() { HOME=$(glance_home) command glance "$@"; }

# median_ms CMD... : median wall time in ms of $RUNS runs of CMD (output
# ignored; stdin closed, as glance would read image data from it). A run that
# fails stops the bench: its time would not be the command's.
median_ms() {
  local i t0 t1 times=()
  for ((i = 0; i < ${RUNS:-7}; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 </dev/null || { echo "bench: failed: $*" >&2; return 1; }
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# ratio A B : A/B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

# target LABEL VALUE OP LIMIT : one line of the targets table (OP: <=, < or >=),
# appended to $BENCH_TARGETS when bench/run.sh collects them, and printed.
target() {
  local verdict
  verdict=$(awk -v v="$2" -v op="$3" -v l="$4" 'BEGIN{ok = (op == "<=") ? v <= l : (op == "<") ? v < l : v >= l; print ok ? "met" : "NOT met"}')
  local line
  line=$(printf '| %s | %s | %s %s | %s |' "$1" "$2" "$3" "$4" "$verdict")
  echo "$line"
  [[ -z ${BENCH_TARGETS:-} ]] || echo "$line" >>"$BENCH_TARGETS"
}

# bench_preamble: checks shared by every script: a built tree and a stack.
bench_preamble() {
  STACK=${TSGLANCE_STACK_DIR:-/tmp/tsglance-stack}
  [[ -f $STACK/admin-openrc ]] || { echo "no stack at $STACK: run scripts/glance-stack/up.sh (or bench/run.sh)" >&2; exit 1; }
  [[ -f dist/cli/base-command.js ]] || { echo "build first: npm run build" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$STACK/admin-openrc"
  export OS_IMAGE_API_VERSION=2
}
