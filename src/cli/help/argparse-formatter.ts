// Python 3.11's argparse.HelpFormatter, as glanceclient uses it: the usage
// line (wrapped, and split into optionals and positionals when too long),
// the description filled as one paragraph, and each section's actions in two
// columns, the help starting at max_help_position (24) or on the next line
// when the invocation is too wide. Mutually exclusive groups, which glance
// never declares, are left out, and help text is taken as it is: argparse's
// `%(prog)s` expansion is used by none of glance's help strings.
import { fill, wrap } from '../render/textwrap.js'

/** One argparse action: an option (`optionStrings` set) or a positional. */
export interface HelpAction {
  /** `['-d', '--debug']`; empty for a positional. */
  optionStrings: readonly string[]
  /** Gives the default metavar: upper-cased for an option, as it is for a positional. */
  dest: string
  metavar?: string
  choices?: readonly string[]
  /**
   * argparse's nargs: undefined for one value, 0 for a switch (store_true),
   * '?', '*', '+', or 'A...' for a subparsers action.
   */
  nargs?: 0 | '?' | '*' | '+' | 'A...'
  required?: boolean
  help?: string
  /** A subparsers action's subcommands (metavar = name, help = summary), listed under it. */
  subactions?: readonly HelpAction[]
}

/** An argument group: its heading, its description and its actions. */
export interface HelpSection {
  title: string
  description?: string
  actions: readonly HelpAction[]
}

export interface HelpParser {
  prog: string
  /** Every action in the order it was added, the usage line's order. */
  actions: readonly HelpAction[]
  description?: string
  sections: readonly HelpSection[]
  epilog?: string
}

export interface FormatterOptions {
  /** argparse's width: the terminal's columns - 2 (see helpWidth). */
  width: number
}

const INDENT_INCREMENT = 2
const MAX_HELP_POSITION = 24

type Item = () => string

interface Section {
  parent?: Section
  heading?: string
  items: Item[]
}

/**
 * What ArgumentParser.format_help() prints for `parser`, then `trailing`
 * sections after its epilog, titles as given, in the parser's help column
 * (which they do not move: the parser's own text stays as argparse's).
 */
export function formatParserHelp(parser: HelpParser, options: FormatterOptions, trailing: readonly HelpSection[] = []): string {
  const formatter = new HelpFormatter(parser.prog, options)
  formatter.addUsage(parser.actions)
  formatter.addText(parser.description)
  // glanceclient's HelpFormatter upper-cases the first letter of argparse's headings.
  for (const section of parser.sections) formatter.addSection(section, { capitalize: true, measured: true })
  formatter.addText(parser.epilog)
  for (const section of trailing) formatter.addSection(section, { capitalize: false, measured: false })
  return formatter.formatHelp()
}

/** The usage line alone (ArgumentParser.format_usage()), for usage errors. */
export function formatUsage(parser: HelpParser, options: FormatterOptions): string {
  const formatter = new HelpFormatter(parser.prog, options)
  formatter.addUsage(parser.actions)
  return formatter.formatHelp()
}

class HelpFormatter {
  private readonly width: number
  private readonly maxHelpPosition: number
  private currentIndent = 0
  private actionMaxLength = 0
  private readonly root: Section = { items: [] }
  private current: Section = this.root

  constructor(
    private readonly prog: string,
    options: FormatterOptions,
  ) {
    this.width = options.width
    this.maxHelpPosition = Math.min(MAX_HELP_POSITION, Math.max(this.width - 20, INDENT_INCREMENT * 2))
  }

  private indent(): void {
    this.currentIndent += INDENT_INCREMENT
  }

  private dedent(): void {
    this.currentIndent -= INDENT_INCREMENT
  }

  private formatSection(section: Section): string {
    if (section.parent) this.indent()
    const itemHelp = section.items.map((item) => item()).join('')
    if (section.parent) this.dedent()
    if (!itemHelp) return ''
    const heading = section.heading === undefined ? '' : `${' '.repeat(this.currentIndent)}${section.heading}:\n`
    return `\n${heading}${itemHelp}\n`
  }

  addSection(section: HelpSection, { capitalize, measured }: { capitalize: boolean; measured: boolean }): void {
    const heading = capitalize ? section.title.charAt(0).toUpperCase() + section.title.slice(1) : section.title
    this.indent()
    const child: Section = { parent: this.current, heading, items: [] }
    this.current.items.push(() => this.formatSection(child))
    this.current = child
    this.addText(section.description)
    for (const action of section.actions) this.addArgument(action, measured)
    this.current = child.parent!
    this.dedent()
  }

  addText(text: string | undefined): void {
    if (text !== undefined) this.current.items.push(() => this.formatText(text))
  }

  addUsage(actions: readonly HelpAction[]): void {
    this.current.items.push(() => this.formatUsage(actions))
  }

  /** argparse's add_argument; `measured`: its invocation may widen the help column. */
  private addArgument(action: HelpAction, measured: boolean): void {
    this.current.items.push(() => this.formatAction(action))
    if (!measured) return
    const invocations = [this.formatActionInvocation(action)]
    this.indent()
    for (const sub of action.subactions ?? []) invocations.push(this.formatActionInvocation(sub))
    this.dedent()
    const actionLength = Math.max(...invocations.map((invocation) => invocation.length)) + this.currentIndent
    this.actionMaxLength = Math.max(this.actionMaxLength, actionLength)
  }

  formatHelp(): string {
    const help = this.formatSection(this.root)
    return help ? `${help.replace(/\n\n\n+/g, '\n\n').replace(/^\n+|\n+$/g, '')}\n` : help
  }

  private formatUsage(actions: readonly HelpAction[]): string {
    const prefix = 'usage: '
    const prog = this.prog
    const optionals = actions.filter((action) => action.optionStrings.length > 0)
    const positionals = actions.filter((action) => action.optionStrings.length === 0)
    const actionUsage = formatActionsUsage([...optionals, ...positionals])
    let usage = [prog, actionUsage].filter((part) => part).join(' ')

    const textWidth = this.width - this.currentIndent
    if (prefix.length + usage.length > textWidth) {
      const partPattern = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g
      const optParts = formatActionsUsage(optionals).match(partPattern) ?? []
      const posParts = formatActionsUsage(positionals).match(partPattern) ?? []

      const getLines = (parts: readonly string[], indent: string, withPrefix = false): string[] => {
        const lines: string[] = []
        let line: string[] = []
        let lineLength = withPrefix ? prefix.length - 1 : indent.length - 1
        for (const part of parts) {
          if (lineLength + 1 + part.length > textWidth && line.length > 0) {
            lines.push(indent + line.join(' '))
            line = []
            lineLength = indent.length - 1
          }
          line.push(part)
          lineLength += part.length + 1
        }
        if (line.length > 0) lines.push(indent + line.join(' '))
        if (withPrefix) lines[0] = lines[0]!.slice(indent.length)
        return lines
      }

      let lines: string[]
      if (prefix.length + prog.length <= 0.75 * textWidth) {
        // A short prog: the parts follow it, aligned after it.
        const indent = ' '.repeat(prefix.length + prog.length + 1)
        if (optParts.length > 0) lines = [...getLines([prog, ...optParts], indent, true), ...getLines(posParts, indent)]
        else if (posParts.length > 0) lines = getLines([prog, ...posParts], indent, true)
        else lines = [prog]
      } else {
        // A long prog stands on its own line.
        const indent = ' '.repeat(prefix.length)
        lines = getLines([...optParts, ...posParts], indent)
        if (lines.length > 1) lines = [...getLines(optParts, indent), ...getLines(posParts, indent)]
        lines = [prog, ...lines]
      }
      usage = lines.join('\n')
    }
    return `${prefix}${usage}\n\n`
  }

  private formatText(text: string): string {
    const textWidth = Math.max(this.width - this.currentIndent, 11)
    const indent = ' '.repeat(this.currentIndent)
    return `${fill(collapseWhitespace(text), textWidth, { initialIndent: indent, subsequentIndent: indent })}\n\n`
  }

  private formatAction(action: HelpAction): string {
    const helpPosition = Math.min(this.actionMaxLength + 2, this.maxHelpPosition)
    const helpWidth = Math.max(this.width - helpPosition, 11)
    const actionWidth = helpPosition - this.currentIndent - 2
    const invocation = this.formatActionInvocation(action)
    const margin = ' '.repeat(this.currentIndent)

    let header: string
    let indentFirst = 0
    if (!action.help) header = `${margin}${invocation}\n`
    else if (invocation.length <= actionWidth) header = `${margin}${invocation.padEnd(actionWidth)}  `
    else {
      // Too wide for the column: the help starts on the next line.
      header = `${margin}${invocation}\n`
      indentFirst = helpPosition
    }

    const parts = [header]
    if (action.help && action.help.trim()) {
      const [first, ...rest] = wrap(collapseWhitespace(action.help), helpWidth)
      parts.push(`${' '.repeat(indentFirst)}${first}\n`)
      for (const line of rest) parts.push(`${' '.repeat(helpPosition)}${line}\n`)
    } else if (!header.endsWith('\n')) {
      parts.push('\n')
    }

    this.indent()
    for (const sub of action.subactions ?? []) parts.push(this.formatAction(sub))
    this.dedent()
    return parts.join('')
  }

  private formatActionInvocation(action: HelpAction): string {
    if (action.optionStrings.length === 0) return metavarOf(action)
    if (action.nargs === 0) return action.optionStrings.join(', ')
    const args = formatArgs(action)
    return action.optionStrings.map((option) => `${option} ${args}`).join(', ')
  }
}

/** argparse's _whitespace_matcher (ASCII \s) then strip(). */
const collapseWhitespace = (text: string): string => text.replace(/[ \t\n\r\f\v]+/g, ' ').trim()

function metavarOf(action: HelpAction): string {
  if (action.metavar !== undefined) return action.metavar
  if (action.choices !== undefined) return `{${action.choices.join(',')}}`
  return action.optionStrings.length > 0 ? action.dest.toUpperCase() : action.dest
}

function formatArgs(action: HelpAction): string {
  const metavar = metavarOf(action)
  switch (action.nargs) {
    case undefined:
      return metavar
    case '?':
      return `[${metavar}]`
    case '*':
      return `[${metavar} ...]`
    case '+':
      return `${metavar} [${metavar} ...]`
    case 'A...':
      return `${metavar} ...`
    case 0:
      return ''
  }
}

function formatActionsUsage(actions: readonly HelpAction[]): string {
  const parts = actions.map((action) => {
    if (action.optionStrings.length === 0) return formatArgs(action)
    const option = action.optionStrings[0]!
    const part = action.nargs === 0 ? option : `${option} ${formatArgs(action)}`
    return action.required ? part : `[${part}]`
  })
  // argparse's clean-up of group separators, which also reaches any metavar.
  return parts
    .join(' ')
    .replace(/([[(]) /g, '$1')
    .replace(/ ([\])])/g, '$1')
    .replace(/[[(] *[\])]/g, '')
    .replace(/\(([^|]*)\)/g, '$1')
    .trim()
}

/**
 * Python's shutil.get_terminal_size().columns - 2, argparse's width: COLUMNS
 * if it is a positive integer (as Python's int() reads it), else the
 * terminal on stdout, else 80.
 */
export function helpWidth(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  const fromEnv = /^\s*[+-]?\d+(_\d+)*\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS!.trim().replaceAll('_', '')) : 0
  const columns = fromEnv > 0 ? fromEnv : (stdout.isTTY && stdout.columns) || 80
  return columns - 2
}
