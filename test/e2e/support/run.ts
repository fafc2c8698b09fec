/**
 * Run the built `tsglance` and the real `glance` the same way: a clean
 * environment (only what the test passes, no inherited OS_*), stdin closed
 * unless data is given (glance reads image data from any non-tty stdin),
 * and a private HOME so no schema cache or clouds.yaml leaks in.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import { assertNoSecretShown } from './secrets.js'

export interface RunResult {
  stdout: string
  /** stdout as raw bytes (image data written by `image-download`). */
  stdoutBytes: Buffer
  stderr: string
  code: number
}

export interface RunOptions {
  env?: Record<string, string>
  /** File to connect to stdin; otherwise stdin is closed. */
  stdinFile?: string
  cwd?: string
}

const ROOT = resolve(import.meta.dirname, '../../..')
export const TSGLANCE_BIN = join(ROOT, 'bin/run.js')
const HOME = mkdtempSync(join(tmpdir(), 'tsglance-e2e-home-'))

function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'LANG', 'LC_ALL', 'TZ']
  const env: Record<string, string> = { HOME, PYTHONHASHSEED: '0' }
  for (const k of keep) if (process.env[k]) env[k] = process.env[k]!
  return env
}

/**
 * TSGLANCE_E2E_TIMES=<file> appends one tab-separated line per run (test
 * file, program, wall, user and system seconds, argv) so the suites' cost
 * can be counted by program and by file (issue 16: CI time must not grow;
 * scripts/e2e-times.mjs sums it up). The program then runs under
 * /usr/bin/time, which writes only to its own file.
 */
const TIMES = process.env.TSGLANCE_E2E_TIMES

function recordTime(timeFile: string, program: string[], args: string[]): void {
  const measured = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)! : '? ? ?'
  rmSync(timeFile, { force: true })
  const file = expect.getState().testPath?.replace(/.*\/test\/e2e\//, '') ?? '?'
  const name = program.at(-1)!.replace(/.*\//, '')
  appendFileSync(TIMES!, `${file}\t${name}\t${measured.replaceAll(' ', '\t')}\t${args.join(' ').replace(/\s+/g, ' ')}\n`)
}

let timedRuns = 0

function run(program: string[], args: string[], options: RunOptions): Promise<RunResult> {
  // `exec ... <&-` closes stdin exactly as the glance-stack README advises.
  const redirect = options.stdinFile ? '<"$STDIN_FILE"' : '<&-'
  const direct = `exec "$@" ${redirect}`
  const timeFile = TIMES ? `${TIMES}.${process.pid}.${++timedRuns}` : undefined
  // time's own file must not take the closed stdin's descriptor, so stdin is closed inside it.
  const script = timeFile ? `exec /usr/bin/time -q -f '%e %U %S' -o "$TIME_FILE" bash -c '${direct}' run "$@"` : direct
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', script, 'run', ...program, ...args], {
      env: {
        ...baseEnv(),
        ...options.env,
        ...(options.stdinFile ? { STDIN_FILE: options.stdinFile } : {}),
        ...(timeFile ? { TIME_FILE: timeFile } : {}),
      },
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      if (timeFile) recordTime(timeFile, program, args)
      const stdoutBytes = Buffer.concat(out)
      resolvePromise({ stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 })
    })
  })
}

const DEBUG_LOGS = mkdtempSync(join(tmpdir(), 'tsglance-e2e-debug-'))
let debugLogs = 0

/**
 * Runs tsglance with its request log (what --debug prints) written to a file
 * of its own (TSGLANCE_DEBUG_LOG), so every run of every suite is checked as
 * if run with --debug while its stdout and stderr stay as the test expects:
 * a run whose output or log shows a known credential, or a token header that
 * is not a digest, fails (see secrets.ts).
 */
export async function tsglance(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const logFile = join(DEBUG_LOGS, `run-${++debugLogs}.log`)
  const result = await run([process.execPath, TSGLANCE_BIN], args, { ...options, env: { TSGLANCE_DEBUG_LOG: logFile, ...options.env } })
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
  rmSync(logFile, { force: true })
  return assertNoSecretShown(result, args, log)
}
export const glance = (args: string[], options: RunOptions = {}) => run(['glance'], args, options)
/** The `openstack` CLI, the reference for what glance lacks (clouds.yaml, application credentials). */
export const openstack = (args: string[], options: RunOptions = {}) => run(['openstack'], args, options)
/** Any other program (node on a script, npm, npx) in the same clean environment. */
export const runProgram = (program: string[], args: string[], options: RunOptions = {}) => run(program, args, options)

/**
 * A new empty HOME for one run. glance 4.1.0 caches the image schema in
 * `~/.glanceclient/image_schema.json` whenever it runs without an auth URL
 * (`--os-auth-token` + `--os-image-url`); every later run that finds that
 * file builds its subcommand options from it and dies with `argument
 * --stores: conflicting option string: --stores` (the live schema has a
 * `stores` property). Give such runs a HOME of their own.
 */
export function privateHome(): string {
  return mkdtempSync(join(tmpdir(), 'tsglance-e2e-home-'))
}
