import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatParserHelp, formatUsage, helpWidth, type HelpAction, type HelpParser } from '../../../src/cli/help/argparse-formatter.js'

interface RecordedAction extends Omit<HelpAction, 'subactions'> {
  section: string
  subcommands?: { name: string; help?: string }[]
}

interface RecordedCase {
  name: string
  columns: number
  prog: string
  description?: string
  epilog?: string
  actions: RecordedAction[]
  sections: { title: string; description?: string }[]
  expected: string
}

// Python 3.11's argparse with glanceclient's HelpFormatter, recorded by test/golden/gen_argparse.py.
const recorded = JSON.parse(readFileSync(new URL('../../golden/argparse-help.json', import.meta.url), 'utf8')) as RecordedCase[]

function parserOf(recordedCase: RecordedCase): HelpParser {
  const actions = recordedCase.actions.map(({ section, subcommands, ...action }) => ({
    section,
    action: { ...action, subactions: subcommands?.map(({ name, help }) => ({ optionStrings: [], dest: name, help })) } as HelpAction,
  }))
  return {
    prog: recordedCase.prog,
    description: recordedCase.description,
    epilog: recordedCase.epilog,
    actions: actions.map(({ action }) => action),
    sections: recordedCase.sections.map(({ title, description }) => ({
      title,
      description,
      actions: actions.filter(({ section }) => section === title).map(({ action }) => action),
    })),
  }
}

describe("formatParserHelp matches argparse's format_help()", () => {
  it.each(recorded.map((c) => [c.name, c] as const))('%s', (_, recordedCase) => {
    expect(formatParserHelp(parserOf(recordedCase), { width: recordedCase.columns - 2 })).toBe(recordedCase.expected)
  })

  it('formatUsage is the page up to its first blank line', () => {
    for (const recordedCase of recorded) {
      const usage = formatUsage(parserOf(recordedCase), { width: recordedCase.columns - 2 })
      expect(`${recordedCase.expected}\n`.startsWith(`${usage}\n`), recordedCase.name).toBe(true)
    }
  })
})

describe('trailing sections (tsglance additions)', () => {
  const parser: HelpParser = {
    prog: 'glance stores-info',
    actions: [{ optionStrings: ['--detail'], dest: 'detail', nargs: 0, help: 'Shows details of stores. Admin only.' }],
    sections: [{ title: 'options', actions: [{ optionStrings: ['--detail'], dest: 'detail', nargs: 0, help: 'Shows details of stores. Admin only.' }] }],
  }
  const extra = { title: 'tsglance additions (not in glance)', actions: [{ optionStrings: ['--a-much-longer-option'], dest: 'x', nargs: 0, help: 'Extra.' } as const] }

  it("follow a blank line, keep their title's case, and leave the parser's help column where it was", () => {
    expect(formatParserHelp(parser, { width: 78 }, [extra])).toBe(
      [
        'usage: glance stores-info [--detail]',
        '',
        'Options:',
        '  --detail  Shows details of stores. Admin only.',
        '',
        'tsglance additions (not in glance):',
        '  --a-much-longer-option',
        '            Extra.',
        '',
      ].join('\n'),
    )
  })
})

describe('helpWidth: shutil.get_terminal_size().columns - 2', () => {
  const pipe = { isTTY: false }
  it.each([
    ['120', pipe, 118],
    [' 100 ', pipe, 98],
    ['1_00', pipe, 98],
    ['0', pipe, 78],
    ['-5', pipe, 78],
    ['wide', pipe, 78],
    [undefined, { isTTY: true, columns: 132 }, 130],
    [undefined, { isTTY: true, columns: 0 }, 78],
    ['60', { isTTY: true, columns: 132 }, 58],
  ] as const)('COLUMNS=%j on %j: %i', (columns, stdout, width) => {
    expect(helpWidth(columns === undefined ? {} : { COLUMNS: columns }, stdout)).toBe(width)
  })
})
