// glance's argparse parsers, described from our oclif definitions (the one
// source of each option's name, help, metavar and arity): a subcommand's
// parser from its command class, the main parser from the global flags and
// the command table. What glance lacks (see ../additions.ts) is kept apart.
import type { AdditionMark } from '../additions.js'
import { leadingShortSwitch } from '../argv.js'
import type { HelpAction, HelpParser, HelpSection } from './argparse-formatter.js'

/** The parts of an oclif flag that help reads. */
export interface FlagSpec extends AdditionMark {
  type: 'boolean' | 'option'
  char?: string
  aliases?: readonly string[]
  description?: string
  helpValue?: string | readonly string[]
  options?: readonly string[]
  multiple?: boolean
  multipleNonGreedy?: boolean
  required?: boolean
  hidden?: boolean
}

/** The parts of an oclif arg that help reads; `metavar` where glance's is not `<NAME>`. */
export interface ArgSpec {
  description?: string
  required?: boolean
  metavar?: string
}

/** The statics of a command class that help reads. */
export interface CommandSpec {
  summary?: string
  description?: string
  flags?: Record<string, FlagSpec>
  args?: Record<string, ArgSpec>
  /** oclif's `strict = false`: the last positional takes one or more values (argparse nargs '+'). */
  strict?: boolean
  optionalValueFlags?: readonly string[]
}

/** A parser as glance shows it, and the options tsglance adds, shown after it. */
export interface ParserHelp {
  parser: HelpParser
  additions: HelpAction[]
}

/** glanceclient's docstring as argparse gets it: the summary line, then the rest. */
export function commandDescription(command: CommandSpec): string | undefined {
  const text = [command.summary, command.description].filter(Boolean).join(' ')
  return text || undefined
}

/** Where subcommand and global options differ. */
interface FlagContext {
  /** The metavar of a flag without helpValue or choices; else argparse's, the upper-cased dest. */
  defaultMetavar(name: string): string | undefined
  /** A short option the flag has besides its oclif `char`. */
  shortSwitch(name: string): string | undefined
}

const destOf = (name: string) => name.replaceAll('-', '_')
const nameOf = (action: HelpAction) => action.dest.replaceAll('_', '-')

/** glance's subcommand options are declared with metavar `<NAME>`. */
const COMMAND_FLAGS: FlagContext = { defaultMetavar: (name) => `<${destOf(name).toUpperCase()}>`, shortSwitch: () => undefined }

/** glance's global options mostly have argparse's metavar; `-f` is glance's --force before the subcommand. */
const GLOBAL_FLAGS: FlagContext = { defaultMetavar: () => undefined, shortSwitch: leadingShortSwitch }

/**
 * The flag as argparse actions: glance's (undefined if the flag is all
 * tsglance's) and an addition for the option strings glance lacks.
 */
function flagActions(name: string, flag: FlagSpec, context: FlagContext, optionalValue: boolean): { glance?: HelpAction; added?: HelpAction } {
  const short = flag.char ?? context.shortSwitch(name)
  const aliases = (flag.aliases ?? []).map((alias) => `--${alias}`)
  const added = flag.tsglanceAddition ? [`--${name}`, ...aliases] : (flag.addedAliases ?? []).map((alias) => `--${alias}`)
  const optionStrings = [...(short ? [`-${short}`] : []), `--${name}`, ...aliases]
  const helpValue = Array.isArray(flag.helpValue) ? flag.helpValue.join(' ') : (flag.helpValue as string | undefined)
  const base = {
    dest: destOf(name),
    help: flag.description,
    required: flag.required,
    ...(flag.type === 'boolean'
      ? { nargs: 0 as const }
      : {
          metavar: helpValue ?? (flag.options ? undefined : context.defaultMetavar(name)),
          choices: flag.options,
          nargs: optionalValue ? ('?' as const) : flag.multiple && !flag.multipleNonGreedy ? ('+' as const) : undefined,
        }),
  }
  const own = optionStrings.filter((option) => !added.includes(option))
  return {
    glance: own.length > 0 && !flag.tsglanceAddition ? { ...base, optionStrings: own } : undefined,
    // A short switch stays with glance's part: `-f` is glance's --force.
    added: flag.tsglanceAddition
      ? { ...base, optionStrings }
      : added.length > 0
        ? { ...base, optionStrings: added, help: `The same as --${name}.` }
        : undefined,
  }
}

function flagsAsActions(flags: Record<string, FlagSpec>, context: FlagContext, optionalValueFlags: readonly string[] = []) {
  const glance: HelpAction[] = []
  const additions: HelpAction[] = []
  for (const [name, flag] of Object.entries(flags)) {
    if (flag.hidden) continue
    const actions = flagActions(name, flag, context, optionalValueFlags.includes(name))
    if (actions.glance) glance.push(actions.glance)
    if (actions.added) additions.push(actions.added)
  }
  return { glance, additions }
}

/** `glance help <id>`: the subcommand's parser, from its command class. */
export function commandHelp(prog: string, id: string, command: CommandSpec): ParserHelp {
  const args = Object.entries(command.args ?? {})
  const positionals: HelpAction[] = args.map(([name, arg], index) => ({
    optionStrings: [],
    dest: name,
    metavar: arg.metavar ?? `<${name.toUpperCase()}>`,
    nargs: command.strict === false && index === args.length - 1 ? '+' : arg.required ? undefined : '?',
    help: arg.description,
  }))
  const { glance, additions } = flagsAsActions(command.flags ?? {}, COMMAND_FLAGS, command.optionalValueFlags)
  return {
    parser: {
      prog: `${prog} ${id}`,
      actions: [...glance, ...positionals],
      description: commandDescription(command),
      // glanceclient puts required options in a group of their own, after the others.
      sections: [
        { title: 'positional arguments', actions: positionals },
        { title: 'options', actions: glance.filter((action) => !action.required) },
        { title: 'Required arguments', actions: glance.filter((action) => action.required) },
      ],
    },
    additions,
  }
}

/**
 * glanceclient's shell defines these subcommands itself; they come after
 * the v2 module's, each part sorted by Python function name.
 */
const SHELL_COMMANDS = ['bash-completion', 'help']

/** keystoneauth's argument groups of glance's global options; the rest are in "options". */
const KEYSTONEAUTH_SECTIONS = [
  {
    title: 'API Connection Options',
    description: 'Options controlling the HTTP API Connections',
    flags: ['insecure', 'os-cacert', 'os-cert', 'os-key', 'timeout', 'collect-timing'],
  },
  {
    // The group of the password plugin, glance's default auth type.
    title: 'Authentication Options',
    description: 'Options specific to the password plugin.',
    flags: [
      'os-auth-url',
      'os-system-scope',
      'os-domain-id',
      'os-domain-name',
      'os-project-id',
      'os-project-name',
      'os-project-domain-id',
      'os-project-domain-name',
      'os-trust-id',
      'os-default-domain-id',
      'os-default-domain-name',
      'os-user-id',
      'os-username',
      'os-user-domain-id',
      'os-user-domain-name',
      'os-password',
    ],
  },
]

/** argparse's own --version, which bin/run.js answers. */
const VERSION_ACTION: HelpAction = { optionStrings: ['--version'], dest: 'version', nargs: 0, help: "show program's version number and exit" }

/** oclif's `--json` (enableJsonFlag), a global option glance lacks. */
const JSON_ACTION: HelpAction = { optionStrings: ['--json'], dest: 'json', nargs: 0, help: 'The same as -f json.' }

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * glance's order of its subcommands (its help page, its "invalid choice"
 * list): the v2 shell's, sorted by their Python function names, then the
 * main shell's own.
 */
export function glanceCommandOrder(ids: readonly string[]): string[] {
  const pythonName = (id: string) => id.replaceAll('-', '_')
  const v2 = ids.filter((id) => !SHELL_COMMANDS.includes(id)).sort((a, b) => byCodeUnit(pythonName(a), pythonName(b)))
  return [...v2, ...SHELL_COMMANDS.filter((id) => ids.includes(id))]
}

/** `glance help`: the main parser, its subcommands listed under `<subcommand>`. */
export function mainHelp(prog: string, globalFlags: Record<string, FlagSpec>, commands: Record<string, CommandSpec>): ParserHelp {
  const { glance, additions } = flagsAsActions(globalFlags, GLOBAL_FLAGS)
  const subcommand: HelpAction = {
    optionStrings: [],
    dest: 'subcommand',
    metavar: '<subcommand>',
    nargs: 'A...',
    subactions: glanceCommandOrder(Object.keys(commands)).map((id) => ({ optionStrings: [], dest: id, help: commands[id].summary })),
  }
  const keystoneauthFlags = KEYSTONEAUTH_SECTIONS.flatMap((section) => section.flags)
  const sectionOf = (flags: readonly string[]) => glance.filter((action) => flags.includes(nameOf(action)))
  const sections: HelpSection[] = [
    { title: 'positional arguments', actions: [subcommand] },
    { title: 'options', actions: [VERSION_ACTION, ...glance.filter((action) => !keystoneauthFlags.includes(nameOf(action)))] },
    ...KEYSTONEAUTH_SECTIONS.map(({ title, description, flags }) => ({ title, description, actions: sectionOf(flags) })),
  ]
  return {
    parser: {
      prog,
      actions: [VERSION_ACTION, ...glance, subcommand],
      description: 'Command-line interface to the OpenStack Images API.',
      sections,
      epilog: `See "${prog} help COMMAND" for help on a specific command.`,
    },
    additions: [...additions, JSON_ACTION],
  }
}
