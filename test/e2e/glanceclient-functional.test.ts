/**
 * python-glanceclient's own functional CLI tests (glanceclient/tests/
 * functional/v2/test_readonly_glance.py, shipped by Debian's
 * python3-glanceclient) run unchanged against tsglance and against the real
 * glance 4.1.0. They drive `<OS_GLANCECLIENT_EXEC_DIR>/glance` through
 * tempest.lib's CLIClient, which puts the credentials of os-client-config's
 * `devstack-admin` cloud on every command line:
 *
 *   glance --os-username U --os-project-name P --os-password *** \
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
 * `devstack-admin` is a member of a project of this run, not the stack's
 * admin: test_member_list_v2 asks for member-list of the first image of
 * `image-list --visibility private`, and an admin lists every project's
 * private images, which other suites make and delete all the time; Glance
 * refuses members on a private image (403), so the test's outcome would
 * depend on what else runs. The project's own private images are none.
 *
 * python3 runs with stdin on /dev/null, so test_member_list_v2's
 * `image-create --name temp` is refused by glance (it takes any non-tty stdin
 * for image data and wants formats) but not by tsglance (decision 0003); the
 * test ignores that outcome. Every image the runs make is deleted.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { GlanceClient } from '../../src/sdk/client.js'
import { privateHome, runProgram, TSGLANCE_BIN, type RunResult } from './support/run.js'
import { createScratchProject, type ScratchProject } from './support/scratch-project.js'
import { assertNoSecretShown, knownSecrets } from './support/secrets.js'
import { authFromEnv, openrc, requireStack } from './support/stack.js'

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

type Tool = 'glance' | 'tsglance'

interface Outcome {
  status: 'pass' | 'fail' | 'error' | 'skip' | 'xfail' | 'xpass'
  /** The traceback (or skip reason), credentials masked. */
  detail: string
}

const workDir = mkdtempSync(join(tmpdir(), 'tsglance-functional-'))
/** The request log (what --debug shows) of every tsglance run tempest made. */
const debugLog = join(workDir, 'tsglance-debug.log')
const admin = new GlanceClient({ auth: authFromEnv(openrc('admin')) })
let scratch: ScratchProject | undefined
const outcomes = {} as Record<Tool, Record<string, Outcome>>

/** os-client-config's `devstack-admin` cloud, as base.credentials() reads it: domain ids, not names. */
function writeCloudsYaml(project: ScratchProject): string {
  const file = join(workDir, 'clouds.yaml')
  const auth = {
    auth_url: project.env.OS_AUTH_URL,
    username: project.env.OS_USERNAME,
    password: project.env.OS_PASSWORD,
    project_name: project.env.OS_PROJECT_NAME,
    user_domain_id: project.domainId,
    project_domain_id: project.domainId,
  }
  writeFileSync(file, stringify({ clouds: { 'devstack-admin': { auth, region_name: project.env.OS_REGION_NAME } } }), { mode: 0o600 })
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
  scratch = await createScratchProject('functional', 'member')
  const cloudsFile = writeCloudsYaml(scratch)
  const [real, ours] = await Promise.all([
    runModule('glance', REAL_GLANCE, cloudsFile),
    runModule('tsglance', TSGLANCE_BIN, cloudsFile, { TSGLANCE_DEBUG_LOG: debugLog }),
  ])
  outcomes.glance = real
  outcomes.tsglance = ours
}, 240_000)

afterAll(async () => {
  try {
    if (scratch) {
      // The project is this run's: whatever it owns, the runs made (test_member_list_v2's `temp`).
      for (const image of await admin.images.list({ owner: scratch.projectId }).toArray()) await admin.images.delete(image.id)
      await scratch.remove()
    }
  } finally {
    await admin.close()
    rmSync(workDir, { recursive: true, force: true })
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
    for (const tool of ['glance', 'tsglance'] as const) {
      const outcome = outcomes[tool][id]
      expect({ status: outcome?.status, last: lastLine(outcome?.detail ?? '') }, `${tool}: ${outcome?.detail}`).toEqual({
        status: 'error',
        last: HELP_HEADING_ERROR,
      })
    }
  })

  it("tsglance's request log of those runs shows no credential and no token header but its digest", () => {
    // tempest keeps the tools' output to itself, so the scan run.ts makes of every tsglance run is made here.
    const log = existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : ''
    expect(log).toContain('REQ: ')
    assertNoSecretShown({ stdout: '', stdoutBytes: Buffer.alloc(0), stderr: '', code: 0 }, [`(${MODULE} through tempest)`], log)
  })

  it('every test passes with tsglance exactly when it passes with glance', () => {
    const passed = (tool: Tool) => TESTS.filter((name) => outcomes[tool][`${TEST_CASE}.${name}`]?.status === 'pass')
    expect(passed('tsglance')).toEqual(passed('glance'))
  })
})
