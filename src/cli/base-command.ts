import { appendFileSync } from 'node:fs'
import { Command, Errors, type Interfaces } from '@oclif/core'
import type { Dispatcher } from 'undici'
import type { GlanceClient } from '../sdk/client.js'
import { HTTPUnauthorized } from '../sdk/errors.js'
import { globalFlags } from './global-flags.js'
import { CommandFailure, UsageError, cutLongQuotedValues } from './command-failure.js'
import { glanceWording } from './glance-wording.js'
import { programName } from './program-name.js'
import { fillOptionalFlagValues, keepLastOccurrences } from './argv.js'
import { decorates } from './progress.js'
import { isOutputView, type OutputFormat, type OutputView } from './output-view.js'
import type { OutputOptions } from './render/output-formats.js'

export type GlobalFlags = Interfaces.InferredFlags<typeof GlanceCommand.baseFlags>

/**
 * The base of every glance subcommand. It owns the global flags, builds the
 * SDK client lazily (heavy modules load only when a command talks to the
 * server), writes output, and maps every failure to glance's wording and
 * exit code: usage errors exit 2, everything else exits 1, and no stack
 * trace is shown unless --debug is on.
 */
export abstract class GlanceCommand extends Command {
  static override baseFlags = globalFlags
  /** oclif's `--json`: the same as `-f json` (see print). */
  static override enableJsonFlag = true
  /** Flags that argparse lets stand without a value (see fillOptionalFlagValues). */
  static optionalValueFlags: readonly string[] = []

  protected globals!: GlobalFlags
  /**
   * Where the client sends its requests instead of the network: set only by
   * the in-process test harness (test/support/command-harness.ts), which
   * answers them with msw handlers.
   */
  dispatcher?: Dispatcher
  private clientPromise?: Promise<GlanceClient>
  /**
   * Aborted on SIGINT/SIGTERM. Commands pass `this.interrupted` to long SDK
   * calls so a transfer stops at once and its cleanup (deleting a half-made
   * image, removing a .part file) runs before we exit 130/143.
   */
  private readonly interruption = new AbortController()
  private interruptExitCode?: number

  protected get interrupted(): AbortSignal {
    return this.interruption.signal
  }

  override async init(): Promise<void> {
    await super.init()
    const onSignal = (signal: NodeJS.Signals, exitCode: number) => () => {
      if (this.interruptExitCode !== undefined) process.exit(exitCode) // a second Ctrl-C: leave now
      this.interruptExitCode = exitCode
      this.interruption.abort(new Error(signal))
      // Whatever was not listening to the signal gets a few seconds to wind down.
      setTimeout(() => {
        this.printErr(`... terminating ${programName()}`)
        process.exit(exitCode)
      }, 5000).unref()
    }
    process.on('SIGINT', onSignal('SIGINT', 130))
    process.on('SIGTERM', onSignal('SIGTERM', 143))
  }

  /** Parse argv for the concrete command and remember the global flags. */
  protected async parseArgs<T extends typeof GlanceCommand>(cmd: T) {
    const filled = fillOptionalFlagValues(this.argv, cmd.optionalValueFlags)
    this.argv = keepLastOccurrences(filled, { ...cmd.baseFlags, ...cmd.flags })
    const parsed = await this.parse(cmd)
    this.globals = parsed.flags as GlobalFlags
    return parsed as typeof parsed & { flags: Interfaces.InferredFlags<T['flags']> & GlobalFlags; args: Interfaces.InferredArgs<T['args']> }
  }

  protected get debugEnabled(): boolean {
    return Boolean(this.globals?.debug || process.env.GLANCECLIENT_DEBUG)
  }

  /**
   * Where the request log goes: stderr with --debug (glance's -d), and the
   * file named by TSGLANCE_DEBUG_LOG, appended to, with or without --debug:
   * a record of every request (secrets redacted as on stderr) that leaves
   * stdout and stderr as they are; the e2e suites scan it for secrets.
   */
  private debugLog(): ((line: string) => void) | undefined {
    const toStderr = this.debugEnabled
    const file = process.env.TSGLANCE_DEBUG_LOG
    if (!toStderr && !file) return undefined
    return (line) => {
      if (toStderr) process.stderr.write(`${line}\n`)
      if (file) appendFileSync(file, `${line}\n`, { mode: 0o600 })
    }
  }

  /** The SDK client for this run: one session, one token. */
  protected client(): Promise<GlanceClient> {
    this.clientPromise ??= (async () => {
      const { createClientFromFlags } = await import('./client-factory.js')
      return createClientFromFlags(this.globals, process.env, this.debugLog(), this.dispatcher)
    })()
    return this.clientPromise
  }

  /**
   * Write to stdout, waiting for the pipe to take it (large tables). A view
   * (the SDK's objects + glance's table) is rendered here, in the one place
   * that knows `-f/--format`, `-c/--column` and `--json`.
   */
  protected async print(output: string | OutputView): Promise<void> {
    // A dry run's output is its plan (see finally): what the command would
    // print describes a server the run did not change.
    if (this.dryRun) return
    await this.write(output)
  }

  private get dryRun(): boolean {
    return this.globals?.['dry-run'] === true
  }

  private async write(output: string | OutputView): Promise<void> {
    const text = isOutputView(output) ? await (await import('./render/output-formats.js')).renderView(output, this.outputOptions()) : output
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve))
  }

  /** The chosen output format; oclif's `--json` wins, as `-f json`. */
  protected outputOptions(): OutputOptions {
    const format = this.jsonEnabled() ? 'json' : ((this.globals?.format ?? 'table') as OutputFormat)
    return { format, columns: this.globals?.column ?? [] }
  }

  /**
   * Whether stderr may carry a progress bar or spinner: it is a terminal and
   * the output is glance's table, not something a script parses (decision 0016).
   */
  protected decoratesStderr(): boolean {
    return decorates(process.stderr, this.outputOptions().format !== 'table')
  }

  protected printErr(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /** glance's `utils.exit(msg)`. */
  protected fail(message: string, exitCode = 1): never {
    throw new CommandFailure(message, exitCode)
  }

  protected override async catch(err: Error & { oclif?: { exit?: number } }): Promise<void> {
    if (err instanceof Errors.ExitError) throw err
    // The dry run reached a step that needs an answer it did not ask for: its plan is complete.
    if (this.dryRun && err instanceof (await import('../sdk/dry-run.js')).DryRunStop) return
    if (this.interruptExitCode !== undefined) {
      // glance's KeyboardInterrupt answer; the cause was our own abort.
      this.printErr(`... terminating ${programName()}`)
      throw new Errors.ExitError(this.interruptExitCode)
    }
    let exitCode = 1
    let message = glanceWording(err) ?? err.message
    if (err instanceof Errors.CLIError && !(err instanceof CommandFailure)) {
      // oclif parse errors: glance (argparse) says `glance <cmd>: error: ...` and exits 2.
      exitCode = err.oclif?.exit ?? 2
      const reason = missingArguments(err) ?? message
        .replace(/^Error: /, '')
        // oclif's two-line `Parsing --x \n\t<why>` becomes argparse's one-line `argument --x: <why>`.
        .replace(/^Parsing (--[\w-]+) *\n\s*/, 'argument $1: ')
        .split('\n')
        .filter((line) => line && !line.startsWith('See more help'))
        .join('\n')
      message = `${programName()} ${this.id}: error: ${reason}\nSee '${programName()} help ${this.id}'.`
    } else if (err instanceof UsageError) {
      exitCode = 2
      message = `${programName()} ${this.id}: ${message}`
    } else if (err instanceof CommandFailure) {
      exitCode = err.exitCode
    } else if (err instanceof HTTPUnauthorized) {
      // glance's shell turns any 401 from Glance (a rejected or expired
      // token) into this; Keystone's refusals are AuthenticationErrors.
      message = 'Invalid OpenStack Identity credentials.'
    }
    if (this.debugEnabled && err.stack && !(err instanceof CommandFailure)) this.printErr(err.stack)
    if (message) this.printErr(cutLongQuotedValues(message))
    throw new Errors.ExitError(exitCode)
  }

  protected override async finally(err: Error | undefined): Promise<void> {
    const client = await this.clientPromise?.catch(() => undefined)
    let planFailure: Error | undefined
    if (this.dryRun && client?.session.plan && (!err || err.name === 'DryRunStop')) {
      const { planView } = await import('./plan-output.js')
      // e.g. an unknown -c column: one line and exit 1, as for any other output.
      await this.write(planView(client.session.plan)).catch((error: Error) => (planFailure = error))
    }
    if (client) await client.close()
    if (planFailure) {
      this.printErr(planFailure.message)
      throw new Errors.ExitError(1)
    }
    return super.finally(err)
  }
}

/**
 * argparse's one line for missing arguments and required flags (`the
 * following arguments are required: <ID>, --name`), instead of oclif's
 * multi-line lists, whose notes about multi-value flags would end the message
 * on something other than what is missing. Undefined for other parse errors.
 */
function missingArguments(err: Error & { args?: { name: string }[] }): string | undefined {
  const text = err.message.replace(/\x1b\[[0-9;]*m/g, '')
  const args = /^Missing \d+ required args?\b/.test(text) ? (err.args ?? []).map((arg) => `<${arg.name.toUpperCase()}>`) : []
  const problems = /^The following errors? occurred:\n/.test(text) ? text.split('\n').slice(1).filter((line) => line.trim() && !line.startsWith('See more help')) : []
  const flags = problems.map((line) => /^\s*Missing required flag ([\w-]+)$/.exec(line)?.[1])
  if (flags.includes(undefined)) return undefined // other validation failures keep oclif's wording
  const missing = [...args, ...flags.map((flag) => `--${flag}`)]
  return missing.length > 0 ? `the following arguments are required: ${missing.join(', ')}` : undefined
}
