/**
 * Which command lines ask for help, decided before oclif runs (so help costs
 * no oclif start-up and has glance's layout): `help [<subcommand>]`, `-h` or
 * `--help` anywhere before `--`, and no arguments at all. Node built-ins and
 * no help code here: every command line passes through this.
 */
export const HELP_FLAGS: readonly string[] = ['-h', '--help']

export type HelpRequest =
  /** glance's whole page: usage, every subcommand, the global options. */
  | { kind: 'main' }
  | { kind: 'command'; id: string }
  /** `help <name>` of no subcommand: glance's one line and exit 1. */
  | { kind: 'unknown'; name: string }
  /** `help a b`: argparse's usage error, exit 2. */
  | { kind: 'unrecognized'; args: string[] }

/**
 * The help `argv` asks for, or undefined to run it as a command. The
 * subcommand is the first word that is neither an option nor the value of a
 * value-taking global option (`valueFlags`) before it. `<cmd> --help` shows
 * that command's help; glance shows its main page there (argparse sees
 * --help before the subcommand), which helps nobody. `--help` with no
 * subcommand or an unknown one shows the main page, as glance does.
 */
export function helpRequest(argv: readonly string[], commandIds: ReadonlySet<string>, valueFlags: ReadonlySet<string>): HelpRequest | undefined {
  if (argv.length === 0) return { kind: 'main' }
  const end = argv.indexOf('--')
  const options = end < 0 ? argv : argv.slice(0, end)
  let i = 0
  while (i < options.length && options[i].startsWith('-')) {
    i += !options[i].includes('=') && valueFlags.has(options[i]) ? 2 : 1
  }
  const command = i < options.length ? options[i] : undefined
  if (command === 'help') return helpCommand(argv.slice(i + 1), commandIds)
  if (!options.some((arg) => HELP_FLAGS.includes(arg))) return undefined
  return command !== undefined && commandIds.has(command) ? { kind: 'command', id: command } : { kind: 'main' }
}

/** argparse on `help`'s own arguments: one optional subcommand, `--` ending options. */
function helpCommand(args: readonly string[], commandIds: ReadonlySet<string>): HelpRequest {
  let subcommand: string | undefined
  const unrecognized: string[] = []
  let optionsEnded = false
  for (const arg of args) {
    const isOption = !optionsEnded && arg.startsWith('-') && arg !== '-'
    if (isOption && arg === '--') optionsEnded = true
    else if (isOption && HELP_FLAGS.includes(arg)) return { kind: 'command', id: 'help' }
    else if (isOption || subcommand !== undefined) unrecognized.push(arg)
    else subcommand = arg
  }
  if (unrecognized.length > 0) return { kind: 'unrecognized', args: unrecognized }
  if (subcommand === undefined) return { kind: 'main' }
  return commandIds.has(subcommand) ? { kind: 'command', id: subcommand } : { kind: 'unknown', name: subcommand }
}
