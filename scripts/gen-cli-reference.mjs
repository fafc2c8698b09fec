#!/usr/bin/env node
/**
 * Writes docs/cli-reference.md from oclif.manifest.json (built by
 * `npm run build`): the same definitions `tsglance help` prints glance's pages from.
 * The output depends on the manifest alone: commands and flags sorted, no
 * dates or versions, so a test can regenerate it and compare.
 *
 *   node scripts/gen-cli-reference.mjs            # writes docs/cli-reference.md
 *   node scripts/gen-cli-reference.mjs --stdout   # prints it instead
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const MANIFEST_PATH = join(REPO_ROOT, 'oclif.manifest.json')
export const REFERENCE_PATH = join(REPO_ROOT, 'docs', 'cli-reference.md')

/** The help group global-flags.ts gives glance's global options; they are listed once, not per command. */
const GLOBAL_GROUP = 'GLOBAL'

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** Markdown table cells: a `|` would end the cell, a newline the row, a `<FILE>` would be read as HTML. */
const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\s*\n\s*/g, ' ')

/** `-f, --format <value>` or `--[no-]x`, as oclif's help spells a flag. */
function flagSpelling(flag) {
  const long = flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`
  const names = [flag.char ? `-${flag.char}` : undefined, long, ...(flag.aliases ?? []).map((alias) => `--${alias}`)].filter(Boolean)
  const value = flag.type === 'option' ? ` ${flag.helpValue ?? '<value>'}` : ''
  return `\`${names.join(', ')}${value}\``
}

function flagDetails(flag) {
  const notes = []
  if (flag.required) notes.push('required')
  if (flag.options) notes.push(`one of: ${flag.options.map((o) => `\`${o}\``).join(', ')}`)
  if (flag.default !== undefined && flag.default !== false) notes.push(`default: \`${flag.default}\``)
  if (flag.multiple) notes.push('repeatable')
  if (flag.env) notes.push(`env: \`${flag.env}\``)
  if (flag.dependsOn?.length) notes.push(`needs ${flag.dependsOn.map((d) => `\`--${d}\``).join(', ')}`)
  const description = cell(flag.summary ?? flag.description)
  return notes.length > 0 ? `${description} (${notes.join('; ')})` : description
}

function flagTable(flags) {
  const rows = [...flags].sort(byName).map((flag) => `| ${flagSpelling(flag)} | ${flagDetails(flag)} |`)
  return ['| option | description |', '|---|---|', ...rows].join('\n')
}

function usageLine(command) {
  const args = Object.values(command.args ?? {}).map((arg) => (arg.required ? `<${arg.name}>` : `[<${arg.name}>]`))
  const hasOwnFlags = Object.values(command.flags ?? {}).some((flag) => flag.helpGroup !== GLOBAL_GROUP && !flag.hidden)
  return ['tsglance', command.id, hasOwnFlags ? '[options]' : undefined, ...args].filter(Boolean).join(' ')
}

function commandSection(command) {
  const lines = [`### ${command.id}`, '']
  const summary = command.summary ?? command.description
  if (summary) lines.push(cell(summary.trim()), '')
  if (command.summary && command.description && command.description !== command.summary) lines.push(cell(command.description.trim()), '')
  lines.push('```', usageLine(command), '```', '')
  // Positional arguments keep their declared order: it is the order on the command line.
  const args = Object.values(command.args ?? {})
  if (args.length > 0) {
    lines.push('| argument | description |', '|---|---|')
    for (const arg of args) lines.push(`| \`<${arg.name}>\` | ${cell(arg.description)}${arg.required ? '' : ' (optional)'} |`)
    lines.push('')
  }
  const own = Object.values(command.flags ?? {}).filter((flag) => flag.helpGroup !== GLOBAL_GROUP && !flag.hidden)
  if (own.length > 0) lines.push(flagTable(own), '')
  return lines.join('\n')
}

/** Every global flag once; the manifest repeats them on each command, identically. */
function globalFlags(commands) {
  const seen = new Map()
  for (const command of commands) {
    for (const flag of Object.values(command.flags ?? {})) {
      if (flag.helpGroup === GLOBAL_GROUP && !flag.hidden && !seen.has(flag.name)) seen.set(flag.name, flag)
    }
  }
  return [...seen.values()]
}

/** The whole reference as Markdown, from a parsed oclif manifest. */
export function renderCliReference(manifest) {
  const commands = Object.values(manifest.commands)
    .filter((command) => !command.hidden)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const parts = [
    '# tsglance command reference',
    '',
    '<!-- Generated from oclif.manifest.json by scripts/gen-cli-reference.mjs; do not edit.',
    '     After changing a command: npm run build && npm run docs:cli -->',
    '',
    `${commands.length} commands, each also taking the global options below. After the subcommand \`-f\` is \`--format\`; ` +
      'before it, glance\'s `--force` (docs/decisions/0009-output-formats.md).',
    '',
    '## Commands',
    '',
    ...commands.map((command) => `- [${command.id}](#${command.id}) — ${cell(command.summary ?? command.description)}`),
    '',
    '## Global options',
    '',
    flagTable(globalFlags(commands)),
    '',
    '## Command details',
    '',
    ...commands.map(commandSection),
  ]
  return `${parts.join('\n').trimEnd()}\n`
}

function main() {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))
  const markdown = renderCliReference(manifest)
  if (process.argv.includes('--stdout')) process.stdout.write(markdown)
  else writeFileSync(REFERENCE_PATH, markdown)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
