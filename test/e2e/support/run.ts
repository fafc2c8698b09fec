/**
 * Run the built `tsglance` and the real `glance` the same way: a clean
 * environment (only what the test passes, no inherited OS_*), stdin closed
 * unless data is given (glance reads image data from any non-tty stdin),
 * and a private HOME so no schema cache or clouds.yaml leaks in.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
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

function run(program: string[], args: string[], options: RunOptions): Promise<RunResult> {
  // `exec ... <&-` closes stdin exactly as the glance-stack README advises.
  const redirect = options.stdinFile ? '<"$STDIN_FILE"' : '<&-'
  const script = `exec "$@" ${redirect}`
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', script, 'run', ...program, ...args], {
      env: { ...baseEnv(), ...options.env, ...(options.stdinFile ? { STDIN_FILE: options.stdinFile } : {}) },
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
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
