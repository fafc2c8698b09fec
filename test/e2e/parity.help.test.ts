/**
 * Help, line for line against the live `glance` 4.1.0 (no server needed).
 * tsglance is run through a symlink named `glance` (so its program name is
 * glance's and every line can be compared); the allowed differences are
 * glance's v1 line, which tsglance leaves out (it has no v1 API), and
 * tsglance's additions section at the end. Runs of `tsglance` itself must
 * give the same pages with `tsglance` as the name.
 */
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { glance, privateHome, runProgram, TSGLANCE_BIN, tsglance, type RunResult } from './support/run.js'

const GLANCE_LINK = join(mkdtempSync(join(tmpdir(), 'tsglance-e2e-link-')), 'glance')
symlinkSync(TSGLANCE_BIN, GLANCE_LINK)

/** tsglance as `glance`. */
const asGlance = (args: string[], env: Record<string, string> = {}) => runProgram([process.execPath, GLANCE_LINK], args, { env: { HOME: privateHome(), ...env } })
const liveGlance = (args: string[], env: Record<string, string> = {}) => glance(args, { env: { HOME: privateHome(), ...env } })

/** The one line of glance's help that tsglance leaves out (docs/decisions/0018-help.md). */
const V1_LINE = /\nRun `glance --os-image-api-version 1 help[^`]*` for v1 help\n$/
const ADDITIONS_HEADING = '\ntsglance additions (not in glance):\n'

/** glance's page without its v1 line. */
function withoutV1Line(result: RunResult): string {
  expect(result.code, result.stderr).toBe(0)
  return result.stdout.replace(V1_LINE, '')
}

/** tsglance's page split into glance's text and the additions section. */
function splitAdditions(result: RunResult): { glanceText: string; additions?: string } {
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toBe('')
  const at = result.stdout.indexOf(ADDITIONS_HEADING)
  if (at < 0) return { glanceText: result.stdout }
  return { glanceText: result.stdout.slice(0, at), additions: result.stdout.slice(at + 1) }
}

/**
 * The additions section in argparse's layout at `columns`: two-space
 * options, their help in one column (the page's) or on the next line,
 * wrapped within the width.
 */
function expectArgparseLayout(additions: string, columns = 80): void {
  const [heading, ...lines] = additions.trimEnd().split('\n')
  expect(heading).toBe('tsglance additions (not in glance):')
  expect(lines[0]).toMatch(/^ {2}-/)
  const continued = lines.filter((line) => !line.startsWith('  -'))
  const helpColumns = new Set(continued.map((line) => line.length - line.trimStart().length))
  expect(helpColumns.size, additions).toBeLessThanOrEqual(1)
  for (const column of helpColumns) expect(column).toBeLessThanOrEqual(24)
  // argparse leaves over-long invocations as they are; help text is wrapped.
  for (const line of continued) expect(line.length, line).toBeLessThanOrEqual(columns - 2)
}

/** Run `check` for every item, a few at a time: 67 commands one by one would take minutes on a busy machine. */
async function forEachInBatches<T>(items: readonly T[], check: (item: T) => Promise<void>, size = 4): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(check))
}

/** glance's subcommands as its main page lists them (67, `help` included). */
let subcommands: string[] = []

beforeAll(async () => {
  const page = withoutV1Line(await liveGlance(['help']))
  subcommands = [...page.matchAll(/^ {4}([a-z][a-z_-]*)/gm)].map((match) => match[1])
})

describe('glance help <cmd>', () => {
  it('lists 67 subcommands, bash-completion and help last', () => {
    expect(subcommands).toHaveLength(67)
    expect(subcommands.slice(-2)).toEqual(['bash-completion', 'help'])
  })

  it('every subcommand: the same page, additions (if any) apart and in argparse layout', async () => {
    await forEachInBatches(subcommands, async (id) => {
      const [expected, actual] = await Promise.all([liveGlance(['help', id]), asGlance(['help', id])])
      const { glanceText, additions } = splitAdditions(actual)
      expect(glanceText, id).toBe(withoutV1Line(expected))
      if (additions) expectArgparseLayout(additions)
    })
  }, 600_000)

  it('tsglance <cmd> --help and -h print tsglance help <cmd>, named tsglance', async () => {
    await forEachInBatches(subcommands, async (id) => {
      const [help, long, short, linked] = await Promise.all([
        tsglance(['help', id]),
        tsglance([id, '--help']),
        tsglance([id, '-h']),
        asGlance(['help', id]),
      ])
      expect(help.code, help.stderr).toBe(0)
      expect(help.stdout.startsWith(`usage: tsglance ${id}`), help.stdout).toBe(true)
      expect(long.stdout, id).toBe(help.stdout)
      expect(short.stdout, id).toBe(help.stdout)
      // The name only moves where the usage line wraps.
      const words = (text: string) => text.replaceAll(/\s+/g, ' ')
      expect(words(help.stdout.replace(`usage: tsglance ${id}`, `usage: glance ${id}`)), id).toBe(words(linked.stdout))
    })
  }, 600_000)

  it.each(['image-list', 'image-create', 'md-namespace-create', 'location-add', 'image-import'])(
    '%s at COLUMNS=60 and COLUMNS=132',
    async (id) => {
      for (const columns of ['60', '132']) {
        const [expected, actual] = await Promise.all([liveGlance(['help', id], { COLUMNS: columns }), asGlance(['help', id], { COLUMNS: columns })])
        const { glanceText, additions } = splitAdditions(actual)
        expect(glanceText, `${id} at ${columns}`).toBe(withoutV1Line(expected))
        if (additions) expectArgparseLayout(additions, Number(columns))
      }
    },
  )
})

describe('the main page', () => {
  it('help: glance help without its v1 line, then the global additions', async () => {
    const [expected, actual] = await Promise.all([liveGlance(['help']), asGlance(['help'])])
    expect(expected.stdout).toMatch(V1_LINE)
    const { glanceText, additions } = splitAdditions(actual)
    expect(glanceText).toBe(withoutV1Line(expected))
    expect(additions).toContain('-f {table,json,yaml,value,csv}, --format {table,json,yaml,value,csv}')
    expectArgparseLayout(additions!)
  })

  it.each([[['--help']], [['-h']], [[]], [['-d', '--help']]])('glance %j is glance --help', async (args) => {
    const [expected, actual] = await Promise.all([liveGlance(['--help']), asGlance(args)])
    expect(expected.stdout).not.toMatch(V1_LINE)
    expect(splitAdditions(actual).glanceText).toBe(withoutV1Line(expected))
  })

  it.each(['60', '132'])('COLUMNS=%s', async (columns) => {
    const [expected, actual] = await Promise.all([liveGlance(['help'], { COLUMNS: columns }), asGlance(['help'], { COLUMNS: columns })])
    const { glanceText, additions } = splitAdditions(actual)
    expect(glanceText).toBe(withoutV1Line(expected))
    expectArgparseLayout(additions!, Number(columns))
  })

  it('tsglance --help names tsglance', async () => {
    const result = await tsglance(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^usage: tsglance \[--version\] \[-d\] \[-v\]/)
    expect(result.stdout).toContain('See "tsglance help COMMAND" for help on a specific command.\n')
  })
})

describe('help errors as glance', () => {
  it('help <unknown>: one line on stderr, exit 1', async () => {
    const [expected, actual] = await Promise.all([liveGlance(['help', 'bogus']), asGlance(['help', 'bogus'])])
    expect([actual.code, actual.stdout, actual.stderr]).toEqual([1, '', expected.stderr])
    expect(expected.code).toBe(1)
  })

  it.each([[['help', 'a', 'b']], [['help', 'image-list', '--debug']]])('%j: the usage and argparse error, exit 2', async (args) => {
    const [expected, actual] = await Promise.all([liveGlance(args), asGlance(args)])
    expect(expected.code).toBe(2)
    expect([actual.code, actual.stdout, actual.stderr]).toEqual([2, '', expected.stderr])
  })
})

describe('unknown subcommands as glance', () => {
  it("the program's name and glance's choices, in glance's order (bash_completion last), exit 2", async () => {
    const [expected, actual] = await Promise.all([liveGlance(['this-does-not-exist']), asGlance(['this-does-not-exist'])])
    expect([expected.code, actual.code]).toEqual([2, 2])
    // glance prints its whole usage block first (decision 0001); the error line is the same.
    expect(actual.stderr).toBe(expected.stderr.trimEnd().split('\n').at(-1) + '\n')
  })

  it('bash_completion is glance\'s other name for bash-completion', async () => {
    const [dashed, underscored] = await Promise.all([asGlance(['bash-completion']), asGlance(['bash_completion'])])
    expect(underscored.code, underscored.stderr).toBe(0)
    expect(underscored.stdout).toBe(dashed.stdout)
    expect(dashed.stdout.split(' ')).not.toContain('bash_completion')
  })
})
