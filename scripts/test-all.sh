#!/usr/bin/env bash
# Every test suite: unit tests, then the real Keystone + Glance stack
# (scripts/glance-stack/up.sh, idempotent), then the e2e + parity suites
# (the e2e and e2e-serial projects, one vitest run and one report).
# Ends with one line `N passed, N failed` over all suites; exits non-zero if
# anything failed or no test ran. Expects a built tree (`npm ci` builds).
set -uo pipefail
cd "$(dirname "$0")/.."
export TSGLANCE_STACK_DIR=${TSGLANCE_STACK_DIR:-/tmp/tsglance-stack}
REPORTS=$(mktemp -d)
trap 'rm -rf "$REPORTS"' EXIT

step() { printf '\n==== %s: %s\n' "$(date +%H:%M:%S)" "$*"; }

[[ -f dist/cli/base-command.js && -f oclif.manifest.json ]] || { step "build"; npm run build || exit 1; }

status=0
# run_suite NAME PROJECTS: the vitest projects matching PROJECTS, reported in NAME.json
run_suite() {
  step "vitest --project $2"
  npx vitest run --project "$2" --reporter=default --reporter=json --outputFile.json="$REPORTS/$1.json" || status=1
}

run_suite unit unit
step "test stack: scripts/glance-stack/up.sh $TSGLANCE_STACK_DIR"
if scripts/glance-stack/up.sh "$TSGLANCE_STACK_DIR"; then
  # e2e (two files at a time), then e2e-serial (one at a time): vitest.config.ts
  run_suite e2e 'e2e*'
else
  echo "test stack did not come up: e2e suites not run" >&2
  status=1
fi

step "summary"
node -e '
  const fs = require("fs"); let passed = 0, failed = 0, total = 0
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed++; console.error(`no report: ${f}`); continue }
    const r = JSON.parse(fs.readFileSync(f, "utf8"))
    // a file that fails to load has no tests but is a failure all the same
    const brokenFiles = r.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length
    passed += r.numPassedTests; failed += r.numFailedTests + brokenFiles; total += r.numTotalTests
  }
  if (total === 0) { failed++; console.error("no test ran") }
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
' "$REPORTS/unit.json" "$REPORTS/e2e.json" || status=1
exit $status
