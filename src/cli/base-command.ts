import { Command, Errors, type Interfaces } from '@oclif/core'
import type { GlanceClient } from '../sdk/client.js'
import { HTTPUnauthorized } from '../sdk/errors.js'
import { globalFlags } from './global-flags.js'
import { CommandFailure, UsageError } from './command-failure.js'
import { fillOptionalFlagValues } from './argv.js'

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
  /** Flags that argparse lets stand without a value (see fillOptionalFlagValues). */
  static optionalValueFlags: readonly string[] = []

  protected globals!: GlobalFlags
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
        this.printErr('... terminating tsglance')
        process.exit(exitCode)
      }, 5000).unref()
    }
    process.on('SIGINT', onSignal('SIGINT', 130))
    process.on('SIGTERM', onSignal('SIGTERM', 143))
  }

  /** Parse argv for the concrete command and remember the global flags. */
  protected async parseArgs<T extends typeof GlanceCommand>(cmd: T) {
    this.argv = fillOptionalFlagValues(this.argv, cmd.optionalValueFlags)
    const parsed = await this.parse(cmd)
    this.globals = parsed.flags as GlobalFlags
    return parsed as typeof parsed & { flags: Interfaces.InferredFlags<T['flags']> & GlobalFlags; args: Interfaces.InferredArgs<T['args']> }
  }

  protected get debugEnabled(): boolean {
    return Boolean(this.globals?.debug || process.env.GLANCECLIENT_DEBUG)
  }

  /** The SDK client for this run: one session, one token. */
  protected client(): Promise<GlanceClient> {
    this.clientPromise ??= (async () => {
      const { createClientFromFlags } = await import('./client-factory.js')
      return createClientFromFlags(this.globals, process.env, this.debugEnabled ? (line) => process.stderr.write(`${line}\n`) : undefined)
    })()
    return this.clientPromise
  }

  /** Write to stdout, waiting for the pipe to take it (large tables). */
  protected async print(text: string): Promise<void> {
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve))
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
    if (this.interruptExitCode !== undefined) {
      // glance's KeyboardInterrupt answer; the cause was our own abort.
      this.printErr('... terminating tsglance')
      throw new Errors.ExitError(this.interruptExitCode)
    }
    let exitCode = 1
    let message = err.message
    if (err instanceof Errors.CLIError && !(err instanceof CommandFailure)) {
      // oclif parse errors: glance (argparse) says `glance <cmd>: error: ...` and exits 2.
      exitCode = err.oclif?.exit ?? 2
      const reason = message
        .replace(/^Error: /, '')
        .split('\n')
        .filter((line) => line && !line.startsWith('See more help'))
        .join('\n')
      message = `tsglance ${this.id}: error: ${reason}\nSee 'tsglance help ${this.id}'.`
    } else if (err instanceof UsageError) {
      exitCode = 2
      message = `tsglance ${this.id}: ${message}`
    } else if (err instanceof CommandFailure) {
      exitCode = err.exitCode
    } else if (err instanceof HTTPUnauthorized) {
      // glance's shell turns any 401 from Glance (a rejected or expired
      // token) into this; Keystone's refusals are AuthenticationErrors.
      message = 'Invalid OpenStack Identity credentials.'
    }
    if (this.debugEnabled && err.stack && !(err instanceof CommandFailure)) this.printErr(err.stack)
    if (message) this.printErr(message)
    throw new Errors.ExitError(exitCode)
  }

  protected override async finally(err: Error | undefined): Promise<void> {
    if (this.clientPromise) await (await this.clientPromise.catch(() => undefined))?.close()
    return super.finally(err)
  }
}
