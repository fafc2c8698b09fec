/**
 * Prints help as glance does (python-glanceclient 4.1.0's argparse pages),
 * with tsglance's additions apart after glance's text. Loaded only when a
 * command line asks for help (./request.ts).
 */
import { COMMANDS } from '../commands.js'
import { globalFlags } from '../global-flags.js'
import { formatParserHelp, formatUsage, helpWidth } from './argparse-formatter.js'
import { commandHelp, mainHelp, type CommandSpec, type FlagSpec, type ParserHelp } from './command-spec.js'
import type { HelpRequest } from './request.js'

const commands = COMMANDS as unknown as Record<string, CommandSpec>

const ADDITIONS_TITLE = 'tsglance additions (not in glance)'

export interface HelpOutput {
  stdout: string
  stderr: string
  exitCode: number
}

/** What `request` prints, for program name `prog`, `width` as argparse's (see helpWidth). */
export function renderHelp(request: HelpRequest, prog: string, width: number): HelpOutput {
  const main = () => mainHelp(prog, globalFlags as unknown as Record<string, FlagSpec>, commands)
  switch (request.kind) {
    case 'main':
      return { stdout: page(main(), width), stderr: '', exitCode: 0 }
    case 'command':
      return { stdout: page(commandHelp(prog, request.id, commands[request.id]), width), stderr: '', exitCode: 0 }
    case 'unknown':
      return { stdout: '', stderr: `'${request.name}' is not a valid subcommand\n`, exitCode: 1 }
    case 'unrecognized':
      // argparse's error comes from the main parser, after its usage.
      return {
        stdout: '',
        stderr: `${formatUsage(main().parser, { width })}${prog}: error: unrecognized arguments: ${request.args.join(' ')}\n`,
        exitCode: 2,
      }
  }
}

/** glance's page, then (after a blank line) tsglance's additions in the same layout. */
function page({ parser, additions }: ParserHelp, width: number): string {
  return formatParserHelp(parser, { width }, additions.length > 0 ? [{ title: ADDITIONS_TITLE, actions: additions }] : [])
}

/** Prints the help `request` asks for and sets the exit code. */
export async function showHelp(request: HelpRequest, prog: string): Promise<void> {
  const { stdout, stderr, exitCode } = renderHelp(request, prog, helpWidth())
  if (stdout) await new Promise<void>((resolve) => process.stdout.write(stdout, () => resolve()))
  if (stderr) process.stderr.write(stderr)
  process.exitCode = exitCode
}
