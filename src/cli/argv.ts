/**
 * glance takes global options before the subcommand
 * (`glance --os-image-url X image-list`); oclif wants the command id first.
 * Move leading options (and the values of value-taking ones) behind the
 * first bare word, so both orders work. `--version` is answered by bin/run.js
 * and help by src/cli/help/ before we get here.
 */
export function normaliseArgv(argv: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  const leading: string[] = []
  let i = 0
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '--') {
    const token = argv[i]
    leading.push(...spellOutGlobalShortFlags(token))
    i++
    if (!token.includes('=') && valueFlags.has(token) && i < argv.length) leading.push(argv[i++])
  }
  if (i >= argv.length) return [...argv]
  const [command, ...rest] = argv.slice(i)
  return [command, ...leading, ...rest]
}

/**
 * glance's global switches `-d`, `-v`, `-f` (argparse also takes them
 * clustered, `-df`). Before the subcommand they are spelled out, because
 * after it `-f` is tsglance's --format (decision 0009): `glance -f
 * image-delete X` keeps meaning --force.
 */
const GLOBAL_SHORT_SWITCHES: Readonly<Record<string, string>> = { d: '--debug', v: '--verbose', f: '--force' }

function spellOutGlobalShortFlags(token: string): string[] {
  if (!/^-[dvf]+$/.test(token)) return [token]
  return [...token.slice(1)].map((char) => GLOBAL_SHORT_SWITCHES[char])
}

/** The short switch glance gives global option `name` (`f` for force), for help. */
export function leadingShortSwitch(name: string): string | undefined {
  return Object.keys(GLOBAL_SHORT_SWITCHES).find((char) => GLOBAL_SHORT_SWITCHES[char] === `--${name}`)
}

/**
 * argparse's `nargs='?', const=True`: `--hidden` alone means True. oclif
 * string flags always take a value, so give the bare form its constant
 * (a following word that is not an option is the value, as in argparse).
 */
export function fillOptionalFlagValues(argv: readonly string[], flagNames: readonly string[], constant = 'True'): string[] {
  const bare = new Set(flagNames.map((n) => `--${n}`))
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i])
    if (argv[i] === '--') {
      out.push(...argv.slice(i + 1))
      break
    }
    if (bare.has(argv[i]) && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) out.push(constant)
  }
  return out
}
