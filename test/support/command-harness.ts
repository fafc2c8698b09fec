/**
 * Runs tsglance subcommands inside the test process, from src (no build,
 * no stack): argv, environment and stdin in; stdout, stderr, exit code and
 * every HTTP request out. Keystone and Glance are msw handlers answering
 * through the dispatcher the harness gives each command (the CLI's
 * `GlanceCommand.dispatcher`), so nothing reaches the network.
 *
 * A command line goes the way src/cli/main.ts sends it: help first, then
 * glance's argv order normalised for oclif, then the command class, with an
 * oclif Config whose root plugin serves COMMANDS (the built CLI reads them
 * from the bundle; here they come from the source).
 */
import { createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Config, Errors, Plugin, type Hook } from '@oclif/core'
import { http, HttpResponse, type RequestHandler } from 'msw'
import { afterAll, beforeEach, expect, type RunnerTestFile, type RunnerTestSuite } from 'vitest'
import { normaliseArgv } from '../../src/cli/argv.js'
import type { GlanceCommand } from '../../src/cli/base-command.js'
import { COMMANDS } from '../../src/cli/commands.js'
import { valueTakingGlobalFlags } from '../../src/cli/global-flags.js'
import commandNotFound from '../../src/cli/hooks/command-not-found.js'
import { answerHelp } from '../../src/cli/main.js'
import { FAMILIES, type Family } from '../commands/support/families.js'
import { keystoneTokenResponse } from './keystone-token.js'
import { createMockDispatcher, type MockDispatcher, type RecordedRequest } from './msw-dispatcher.js'

export const KEYSTONE = 'http://keystone.test:5000/v3'
export const GLANCE = 'http://glance.test:9292'
export const TOKEN = 'harness-token'

/** An openrc for the fake Keystone, with the token cache off (no files under HOME). */
export const OPENRC: Readonly<Record<string, string>> = {
  OS_AUTH_URL: KEYSTONE,
  OS_USERNAME: 'demo',
  OS_PASSWORD: 'secret',
  OS_PROJECT_NAME: 'demo',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
  TSGLANCE_NO_TOKEN_CACHE: '1',
}

export interface RunOptions {
  /** Variables over OPENRC; `undefined` removes one. */
  env?: Record<string, string | undefined>
  /** Bytes on stdin (a regular file, as `< file`); without it stdin is /dev/null. */
  stdin?: string | Buffer
}

export interface RunResult {
  stdout: string
  stdoutBytes: Buffer
  stderr: string
  code: number
  /** Requests to Glance (Keystone's token requests left out), in order. */
  requests: RecordedRequest[]
  /** Every request, Keystone's included. */
  allRequests: RecordedRequest[]
}

/** `METHOD path?query` of a request, the form request expectations are written in. */
export const line = (r: RecordedRequest): string => {
  const url = new URL(r.url)
  return `${r.method} ${url.pathname}${url.search}`
}

/** A request body parsed as JSON. */
export const json = (r: RecordedRequest): unknown => JSON.parse(r.body.toString('utf8'))

let configPromise: Promise<Config> | undefined

/**
 * oclif's Config for the package, its root plugin handed COMMANDS as the
 * module its `explicit` command target would export: oclif would import
 * that target natively, and Node cannot load src's TypeScript, so the
 * plugin's cache of the import (a private field of oclif's Plugin) is
 * filled instead; an oclif upgrade that renames it fails every command
 * test at once. No other plugin or hook is loaded: they live in the bundle.
 */
function loadConfig(): Promise<Config> {
  configPromise ??= (async () => {
    const root = new URL('../..', import.meta.url).pathname
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { oclif: object }
    const plugin = new Plugin({
      root,
      isRoot: true,
      ignoreManifest: true,
      pjson: { ...pjson, oclif: { ...pjson.oclif, plugins: [], hooks: {} } } as never,
    })
    Object.assign(plugin, { commandCache: COMMANDS })
    await plugin.load()
    return Config.load({ root, plugins: new Map([[plugin.name, plugin]]) })
  })()
  return configPromise
}

/** Swaps a property of `target` for the run; returns the undo. */
function swap<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): () => void {
  const original = Object.getOwnPropertyDescriptor(target, key)
  Object.defineProperty(target, key, { value, configurable: true, writable: true })
  return () => (original ? Object.defineProperty(target, key, original) : delete target[key])
}

/** process.stdout/stderr.write for the run, collecting what is written. */
function capture(stream: NodeJS.WriteStream, into: Buffer[]): () => void {
  const write = (chunk: string | Uint8Array, encoding?: BufferEncoding | ((err?: Error) => void), done?: (err?: Error) => void) => {
    into.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk))
    const callback = typeof encoding === 'function' ? encoding : done
    if (callback) queueMicrotask(() => callback())
    return true
  }
  return swap(stream, 'write', write as NodeJS.WriteStream['write'])
}

export class CommandHarness {
  readonly mock: MockDispatcher
  /** Subcommands this harness ran (by their COMMANDS name), for the coverage checks. */
  readonly ran = new Set<string>()
  private readonly home = mkdtempSync(join(tmpdir(), 'tsglance-harness-'))

  constructor() {
    this.mock = createMockDispatcher(http.post(`${KEYSTONE}/auth/tokens`, () => keystoneTokenResponse(GLANCE, TOKEN)))
  }

  /** Answers for the next run (prepended, so they win over earlier ones); reset before each test. */
  use(...handlers: RequestHandler[]): void {
    this.mock.use(...handlers)
  }

  /** `tsglance <argv>` (as the program `glance`, so messages read as glance's). */
  async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const config = await loadConfig()
    const env: Record<string, string> = { HOME: this.home, ...OPENRC }
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[name]
      else env[name] = value
    }
    const stdinFile = join(this.home, 'stdin')
    if (options.stdin !== undefined) writeFileSync(stdinFile, options.stdin)
    const stdinFd = openSync(options.stdin === undefined ? '/dev/null' : stdinFile, 'r')
    const stdin = createReadStream('', { fd: stdinFd })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const firstRequest = this.mock.requests.length
    const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
    const restore = [
      swap(process, 'env', env),
      swap(process, 'argv', [process.argv[0], '/usr/bin/glance', ...argv]),
      swap(process, 'stdin', stdin as unknown as typeof process.stdin),
      capture(process.stdout, stdout),
      capture(process.stderr, stderr),
    ]
    let code = 0
    try {
      code = await this.execute(config, argv)
    } finally {
      for (const undo of restore.reverse()) undo()
      // Each command listens for SIGINT/SIGTERM and never stops (the process ends with it).
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener)
      }
      stdin.destroy() // closes stdinFd
    }
    const all = this.mock.requests.slice(firstRequest)
    const stdoutBytes = Buffer.concat(stdout)
    return {
      stdout: stdoutBytes.toString('utf8'),
      stdoutBytes,
      stderr: Buffer.concat(stderr).toString('utf8'),
      code,
      requests: all.filter((r) => !r.url.startsWith(KEYSTONE)),
      allRequests: all,
    }
  }

  /** What src/cli/main.ts does with a command line, and the exit code it ends with. */
  private async execute(config: Config, argv: readonly string[]): Promise<number> {
    try {
      if (await answerHelp(argv)) {
        if (argv[0] === 'help') this.ran.add('help')
        return Number(process.exitCode ?? 0)
      }
      const [id = '', ...rest] = normaliseArgv(argv, valueTakingGlobalFlags())
      const found = config.findCommand(id)
      if (!found) {
        const context = { config, debug: () => undefined, error: Errors.error, exit: Errors.exit, log: () => undefined, warn: () => undefined }
        await commandNotFound.call(context as unknown as Hook.Context, { id, argv: rest, config, context: context as unknown as Hook.Context })
        return 0
      }
      const CommandClass = (await found.load()) as unknown as new (argv: string[], config: Config) => GlanceCommand
      const command = new CommandClass(rest, config)
      command.dispatcher = this.mock.dispatcher
      this.ran.add(command.id ?? id)
      // What oclif's Command.run does after constructing the command.
      await (command as unknown as { _run(): Promise<unknown> })._run()
      return 0
    } catch (error) {
      if (error instanceof Errors.ExitError) return error.oclif.exit ?? 1
      throw error
    } finally {
      process.exitCode = undefined
    }
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true })
  }
}

/**
 * The harness of one family's test file: handlers reset before each test,
 * and after the file, a check that it ran every subcommand of the family
 * (test/commands/support/families.ts), so none goes untested.
 */
export function useHarness(family: Family): CommandHarness {
  const harness = new CommandHarness()
  beforeEach(() => harness.mock.reset())
  afterAll(({}, file) => {
    harness.dispose()
    // A filtered (-t) or failing run proves nothing about coverage, and has said so already.
    if (!everyTestPassed(file)) return
    expect([...harness.ran].sort(), `subcommands of family ${family} run by its tests`).toEqual([...FAMILIES[family]].sort())
  })
  return harness
}

function everyTestPassed(suite: RunnerTestSuite | RunnerTestFile): boolean {
  return suite.tasks.every((task) => (task.type === 'suite' ? everyTestPassed(task) : task.result?.state === 'pass'))
}

/** A JSON answer, as Glance sends them. */
export const ok = (body: unknown, status = 200): Response => HttpResponse.json(body as never, { status })

/** An error answer in Glance's (webob's) HTML form, the one glance's messages are parsed from. */
export function glanceError(status: number, title: string, explanation: string): Response {
  const body = `<html>\n <head>\n  <title>${status} ${title}</title>\n </head>\n <body>\n  <h1>${status} ${title}</h1>\n  ${explanation}<br /><br />\n\n\n\n </body>\n</html>`
  return new HttpResponse(body, { status, headers: { 'content-type': 'text/html; charset=UTF-8' } })
}
