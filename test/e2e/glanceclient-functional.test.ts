/**
 * python-glanceclient's own functional CLI tests (glanceclient/tests/
 * functional/v2/test_readonly_glance.py, shipped by Debian's
 * python3-glanceclient) run unchanged against tsglance and against the real
 * glance 4.1.0. They drive `<OS_GLANCECLIENT_EXEC_DIR>/glance` through
 * tempest.lib's CLIClient, which puts the credentials of os-client-config's
 * `devstack-admin` cloud on every command line:
 *
 *   glance --os-username admin --os-project-name admin --os-password *** \
 *     --os-auth-url http://127.0.0.1:5000/v3 --os-user-domain-id default \
 *     --os-project-domain-id default [--debug | --version] \
 *     --os-endpoint-type publicURL <action> [<params>]
 *
 * The module runs once per executable (support/unittest_json.py reports each
 * test's outcome). A test must pass with tsglance exactly when it passes with
 * glance; all pass but test_help, which fails for glance 4.1.0 itself on
 * Python >= 3.10 (it looks for argparse's old "Optional arguments:" heading,
 * glance prints "Options:"), and must fail the same way for tsglance: only
 * after its checks of the usage line and "Positional arguments:" passed.
 *
 * python3 runs with stdin on /dev/null, so the image-create of
 * test_member_list_v2 is refused by glance (it takes any non-tty stdin for
 * image data and wants formats) but not by tsglance (decision 0003); the
 * test ignores that outcome. Every `temp` image the runs make is deleted.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { GlanceClient } from '../../src/sdk/client.js'
import { privateHome, runProgram, TSGLANCE_BIN, type RunResult } from './support/run.js'
import { assertNoSecretShown, knownSecrets } from './support/secrets.js'
import { authFromEnv, openrc, requireStack, stackIdentity } from './support/stack.js'

requireStack()

/** Debian's python, which has tempest and glanceclient's tests (a pyenv python on PATH does not). */
const PYTHON = '/usr/bin/python3'
const REAL_GLANCE = '/usr/bin/glance'
const RUNNER = resolve(import.meta.dirname, 'support/unittest_json.py')
const MODULE = 'glanceclient.tests.functional.v2.test_readonly_glance'
const TEST_CASE = `${MODULE}.SimpleReadOnlyGlanceClientTest`
const TESTS = ['test_debug_list', 'test_fake_action', 'test_help', 'test_list_v2', 'test_member_list_v2', 'test_version']
/** test_help's own failure once the usage line and "Positional arguments:" are found. */
const HELP_HEADING_ERROR = "ValueError: 'Optional arguments:' is not in list"
/** The image name test_member_list_v2 creates. */
const TEMP_IMAGE = 'temp'

type Tool = 'glance' | 'tsglance'

interface Outcome {
  status: 'pass' | 'fail' | 'error' | 'skip' | 'xfail' | 'xpass'
  /** The traceback (or skip reason), credentials masked. */
  detail: string
}

const workDir = mkdtempSync(join(tmpdir(), 'tsglance-functional-'))
const admin = new GlanceClient({ auth: authFromEnv(openrc('admin')) })
let tempBefore: Set<string> | undefined
const outcomes = {} as Record<Tool, Record<string, Outcome>>

/** Ids of the `temp` images, as admin sees them (all projects). */
async function tempImages(): Promise<Set<string>> {
  const ids = new Set<string>()
  for await (const image of admin.images.list({ properties: { name: TEMP_IMAGE } })) ids.add(image.id)
  return ids
}

/** os-client-config's `devstack-admin` cloud, as base.credentials() reads it: domain ids, not names. */
async function writeCloudsYaml(): Promise<string> {
  const env = openrc('admin')
  const identity = await stackIdentity('admin')
  const file = join(workDir, 'clouds.yaml')
  const auth = {
    auth_url: env.OS_AUTH_URL,
    username: env.OS_USERNAME,
    password: env.OS_PASSWORD,
    project_name: env.OS_PROJECT_NAME,
    user_domain_id: identity.userDomainId,
    project_domain_id: identity.projectDomainId,
  }
  writeFileSync(file, stringify({ clouds: { 'devstack-admin': { auth, region_name: env.OS_REGION_NAME } } }), { mode: 0o600 })
  return file
}

/** A directory whose `glance` is a symlink to `target`, so the program is invoked by that name. */
function execDir(tool: Tool, target: string): string {
  const dir = join(workDir, tool)
  mkdirSync(dir)
  symlinkSync(target, join(dir, 'glance'))
  return dir
}

function masked(text: string): string {
  let out = text
  for (const secret of knownSecrets().keys()) out = out.replaceAll(secret, '***')
  return out
}

async function runModule(tool: Tool, target: string, cloudsFile: string, extraEnv: Record<string, string> = {}): Promise<Record<string, Outcome>> {
  const outFile = join(workDir, `${tool}.json`)
  const res: RunResult = await runProgram([PYTHON, RUNNER], [MODULE, outFile], {
    stdinFile: '/dev/null',
    cwd: workDir,
    env: {
      HOME: privateHome(),
      // bin/run.js starts with `#!/usr/bin/env node`: the node running this suite.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      OS_CLIENT_CONFIG_FILE: cloudsFile,
      OS_GLANCECLIENT_EXEC_DIR: execDir(tool, target),
      ...extraEnv,
    },
  })
  if (res.code !== 0) throw new Error(`${MODULE} did not run for ${tool} (exit ${res.code}): ${masked(res.stderr)}`)
  const raw = JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, Outcome>
  return Object.fromEntries(Object.entries(raw).map(([id, { status, detail }]) => [id, { status, detail: masked(detail) }]))
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''

beforeAll(async () => {
  tempBefore = await tempImages()
  const cloudsFile = await writeCloudsYaml()
  const debugLog = join(workDir, 'tsglance-debug.log')
  const [real, ours] = await Promise.all([
    runModule('glance', REAL_GLANCE, cloudsFile),
    runModule('tsglance', TSGLANCE_BIN, cloudsFile, { TSGLANCE_DEBUG_LOG: debugLog }),
  ])
  outcomes.glance = real
  outcomes.tsglance = ours
  // tempest keeps the tools' output to itself; what tsglance would show under --debug is checked here.
  let log = ''
  try {
    log = readFileSync(debugLog, 'utf8')
  } catch {
    // no run wrote a request log
  }
  assertNoSecretShown({ stdout: '', stdoutBytes: Buffer.alloc(0), stderr: '', code: 0 }, [`(${MODULE} through tempest)`], log)
}, 240_000)

afterAll(async () => {
  try {
    if (tempBefore) {
      const made = [...(await tempImages())].filter((id) => !tempBefore!.has(id))
      for (const id of made) await admin.images.delete(id)
    }
  } finally {
    await admin.close()
  }
})

describe(`${MODULE} (python-glanceclient's functional CLI tests through tempest)`, () => {
  it('runs the same tests, all of the module, for both', () => {
    const expected = TESTS.map((name) => `${TEST_CASE}.${name}`)
    expect(Object.keys(outcomes.glance).sort()).toEqual(expected)
    expect(Object.keys(outcomes.tsglance).sort()).toEqual(expected)
  })

  it.each(TESTS.filter((name) => name !== 'test_help'))('%s passes with glance and with tsglance', (name) => {
    const id = `${TEST_CASE}.${name}`
    expect({ glance: outcomes.glance[id], tsglance: outcomes.tsglance[id] }).toEqual({
      glance: { status: 'pass', detail: '' },
      tsglance: { status: 'pass', detail: '' },
    })
  })

  it('test_help fails for both only on the missing "Optional arguments:" heading', () => {
    const id = `${TEST_CASE}.test_help`
    const failure = (tool: Tool) => ({ status: outcomes[tool][id]?.status, last: lastLine(outcomes[tool][id]?.detail ?? ''), detail: outcomes[tool][id]?.detail })
    for (const tool of ['glance', 'tsglance'] as const) {
      expect(failure(tool), `${tool}: ${failure(tool).detail}`).toMatchObject({ status: 'error', last: HELP_HEADING_ERROR })
    }
  })

  it('every test passes with tsglance exactly when it passes with glance', () => {
    const passed = (tool: Tool) => TESTS.filter((name) => outcomes[tool][`${TEST_CASE}.${name}`]?.status === 'pass')
    expect(passed('tsglance')).toEqual(passed('glance'))
  })
})
