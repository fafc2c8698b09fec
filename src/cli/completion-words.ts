import type { Command } from '@oclif/core'
import { globalFlags } from './global-flags.js'

/** The options a command accepts beyond the global ones: every spelling of each flag. */
function optionSpellings(command: Command.Cached): string[] {
  const spellings: string[] = []
  for (const [name, flag] of Object.entries(command.flags)) {
    // oclif's --json (enableJsonFlag) is a global option too, not glance's.
    if (Object.hasOwn(globalFlags, name) || name === 'json') continue
    spellings.push(`--${name}`, ...(flag.aliases ?? []).map((alias) => `--${alias}`))
    if (flag.char) spellings.push(`-${flag.char}`)
    if (flag.type === 'boolean' && flag.allowNo) spellings.push(`--no-${name}`)
  }
  return spellings
}

/**
 * glance's `bash-completion` words: every subcommand but bash-completion
 * itself, and every option of every subcommand (glance lists no global
 * options). glance prints them in Python set order, which changes from
 * run to run; ours are sorted, commands first. The autocomplete plugin's
 * commands are left out as in the unknown-command message: glance has none.
 * `helpFlags` (oclif's `--help` and `additionalHelpFlags`) are options of
 * every command, as glance's `-h/--help` are.
 */
export function completionWords(commands: readonly Command.Cached[], self: string, helpFlags: readonly string[]): string[] {
  // bash-completion itself, under either of its names (oclif lists an alias as a command of its own).
  const own = new Set(commands.filter((c) => c.id === self || c.aliases.includes(self)).flatMap((c) => [c.id, ...c.aliases]))
  const listed = commands.filter((c) => !c.hidden && !own.has(c.id) && !c.id.startsWith('autocomplete'))
  const options = new Set([...helpFlags, ...listed.flatMap(optionSpellings)])
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return [...listed.map((c) => c.id).sort(byCodePoint), ...[...options].sort(byCodePoint)]
}
