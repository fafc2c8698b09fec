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

/** What of an oclif flag definition decides how it reads argv. */
export interface FlagSyntax {
  type: 'boolean' | 'option'
  char?: string
  charAliases?: readonly string[]
  aliases?: readonly string[]
  multiple?: boolean
  multipleNonGreedy?: boolean
}

/**
 * argparse's default `store` action keeps only the last occurrence of an
 * option: `--name a --name b` is b, and for `nargs='+'` (oclif's greedy
 * `multiple`) `--tags a --tags b c` is [b, c]. oclif refuses the first and
 * accumulates the second, so every earlier occurrence of such a flag is
 * dropped here, with its values. `append` flags (`multipleNonGreedy`)
 * accumulate in argparse too and are left alone. An occurrence without a
 * value is kept, so oclif still reports it (`Flag --name expects a value`).
 */
export function keepLastOccurrences(argv: readonly string[], flags: Readonly<Record<string, FlagSyntax>>): string[] {
  const byToken = new Map<string, string>()
  for (const [name, flag] of Object.entries(flags)) {
    byToken.set(`--${name}`, name)
    for (const alias of flag.aliases ?? []) byToken.set(`--${alias}`, name)
    for (const char of [flag.char, ...(flag.charAliases ?? [])]) if (char) byToken.set(`-${char}`, name)
  }
  // oclif's test for "this word is a flag, not a value": the whole word, or a short flag's first two characters.
  const flagNamed = (word: string) => byToken.get(word.startsWith('--') ? word : word.slice(0, 2))

  const occurrences = new Map<string, { start: number; end: number; complete: boolean }[]>()
  let i = 0
  while (i < argv.length && argv[i] !== '--') {
    const word = argv[i]
    const long = word.startsWith('--')
    const name = long ? byToken.get(word.split('=', 1)[0]) : word.startsWith('-') ? flagNamed(word) : undefined
    const flag = name === undefined ? undefined : flags[name]
    if (name === undefined || flag?.type !== 'option') {
      i++
      continue
    }
    const inline = long ? word.includes('=') : word.length > 2
    let end = i + 1
    const complete = inline || (end < argv.length && flagNamed(argv[end]) === undefined)
    if (!inline && complete) end++
    // `--tags a b`: nargs='+' takes the words up to the next option; `--tags=a` takes only a (as argparse does).
    if (flag.multiple && !flag.multipleNonGreedy && !inline) while (end < argv.length && !looksLikeOption(argv[end])) end++
    if (!(flag.multiple && flag.multipleNonGreedy)) occurrences.set(name, [...(occurrences.get(name) ?? []), { start: i, end, complete }])
    i = end
  }

  const dropped = new Set<number>()
  for (const spans of occurrences.values()) {
    for (const { start, end, complete } of spans.slice(0, -1)) if (complete) for (let k = start; k < end; k++) dropped.add(k)
  }
  return argv.filter((_, k) => !dropped.has(k))
}

/** Where oclif ends a greedy flag's values: a word starting with `-`, except `-` itself and negative numbers. */
function looksLikeOption(word: string): boolean {
  return word.startsWith('-') && word !== '-' && !/^-\d/.test(word)
}
