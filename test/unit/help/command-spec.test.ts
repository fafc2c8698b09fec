import { Args, Flags } from '@oclif/core'
import { describe, expect, it } from 'vitest'
import { addition } from '../../../src/cli/additions.js'
import { COMMANDS } from '../../../src/cli/commands.js'
import { globalFlags } from '../../../src/cli/global-flags.js'
import { commandHelp, mainHelp, type CommandSpec, type FlagSpec } from '../../../src/cli/help/command-spec.js'
import { appendFlag } from '../../../src/cli/python-compat.js'

/** A command class's statics, as help reads them. */
const spec = (command: object) => command as unknown as CommandSpec

describe("a subcommand's argparse parser, from its oclif definition", () => {
  const command = spec({
    summary: 'Do a thing.',
    description: 'At length.',
    strict: false,
    optionalValueFlags: ['hidden'],
    args: { image_id: Args.string({ description: 'ID of image(s).', required: true }) },
    flags: {
      url: Flags.string({ description: 'URL.', required: true }),
      tags: Flags.string({ description: 'Tags.', multiple: true }),
      property: appendFlag('Property.', { helpValue: '<key=value>' }),
      hidden: Flags.string({ description: 'Hidden.', helpValue: '[True|False]' }),
      'sort-dir': Flags.string({ description: 'Direction.', options: ['asc', 'desc'] }),
      progress: Flags.boolean({ description: 'Progress.' }),
      wait: addition(Flags.boolean({ description: 'Wait.' })),
    },
  })
  const { parser, additions } = commandHelp('glance', 'thing', command)
  const byDest = Object.fromEntries(parser.actions.map((action) => [action.dest, action]))

  it('prog, description (summary then description), and the usage order: options, then positionals', () => {
    expect(parser.prog).toBe('glance thing')
    expect(parser.description).toBe('Do a thing. At length.')
    expect(parser.actions.map((action) => action.dest)).toEqual(['url', 'tags', 'property', 'hidden', 'sort_dir', 'progress', 'image_id'])
  })

  it('metavar: helpValue, else choices, else <UPPER_NAME>; arity from multiple, multipleNonGreedy, optionalValueFlags and strict', () => {
    expect(byDest.url).toMatchObject({ optionStrings: ['--url'], metavar: '<URL>', nargs: undefined, required: true })
    expect(byDest.tags).toMatchObject({ metavar: '<TAGS>', nargs: '+' })
    expect(byDest.property).toMatchObject({ metavar: '<key=value>', nargs: undefined })
    expect(byDest.hidden).toMatchObject({ metavar: '[True|False]', nargs: '?' })
    expect(byDest.sort_dir).toMatchObject({ metavar: undefined, choices: ['asc', 'desc'] })
    expect(byDest.progress).toMatchObject({ nargs: 0 })
    expect(byDest.image_id).toMatchObject({ optionStrings: [], metavar: '<IMAGE_ID>', nargs: '+', help: 'ID of image(s).' })
  })

  it("sections: positionals, options, then glanceclient's Required arguments; additions apart", () => {
    expect(parser.sections.map((section) => [section.title, section.actions.map((action) => action.dest)])).toEqual([
      ['positional arguments', ['image_id']],
      ['options', ['tags', 'property', 'hidden', 'sort_dir', 'progress']],
      ['Required arguments', ['url']],
    ])
    expect(additions.map((action) => action.optionStrings)).toEqual([['--wait']])
  })

  it("an optional positional without nargs '+' is '?', with its own metavar if it has one", () => {
    const help = commandHelp('glance', 'help', spec(COMMANDS.help)).parser
    expect(help.actions).toEqual([{ optionStrings: [], dest: 'subcommand', metavar: '<subcommand>', nargs: '?', help: 'Display help for <subcommand>.' }])
  })
})

describe("glance's main parser", () => {
  const { parser, additions } = mainHelp('glance', globalFlags as unknown as Record<string, FlagSpec>, COMMANDS as unknown as Record<string, CommandSpec>)
  const options = (title: string) => parser.sections.find((section) => section.title === title)!.actions.map((action) => action.optionStrings.join(', '))

  it("global options in glance's groups, with glance's short switches and aliases", () => {
    expect(options('options').slice(0, 5)).toEqual(['--version', '-d, --debug', '-v, --verbose', '--get-schema', '-f, --force'])
    expect(options('options')).toContain('--os-endpoint-type')
    expect(options('options').at(-1)).toBe('--os-auth-type, --os-auth-plugin')
    expect(options('API Connection Options')).toEqual(['--insecure', '--os-cacert', '--os-cert', '--os-key', '--timeout', '--collect-timing'])
    expect(options('Authentication Options')).toContain('--os-project-id, --os-tenant-id')
  })

  it('every global flag is either in a glance group or an addition', () => {
    const shown = new Set(parser.actions.flatMap((action) => action.optionStrings).concat(additions.flatMap((action) => action.optionStrings)))
    for (const [name, flag] of Object.entries(globalFlags)) {
      expect(shown.has(`--${name}`), name).toBe(true)
      for (const alias of flag.aliases ?? []) expect(shown.has(`--${alias}`), alias).toBe(true)
    }
  })

  it("additions: tsglance's flags and aliases, -f/--format and --json among them, none of them in glance's usage", () => {
    const added = additions.map((action) => action.optionStrings.join(', '))
    expect(added).toContain('-f, --format')
    expect(added).toContain('--os-interface')
    expect(added).toContain('--os-cloud')
    expect(added.at(-1)).toBe('--json')
    const usage = new Set(parser.actions.flatMap((action) => action.optionStrings))
    for (const option of additions.flatMap((action) => action.optionStrings)) {
      if (option !== '-f') expect(usage.has(option), option).toBe(false)
    }
  })

  it("subcommands in glance's order: sorted by Python name, then bash-completion and help", () => {
    const subcommand = parser.actions.at(-1)!
    expect(subcommand).toMatchObject({ metavar: '<subcommand>', nargs: 'A...' })
    const names = subcommand.subactions!.map((action) => action.dest)
    expect(names).toHaveLength(Object.keys(COMMANDS).length)
    expect(names.slice(-2)).toEqual(['bash-completion', 'help'])
    expect(names.indexOf('image-create')).toBe(names.indexOf('image-create-via-import') - 1)
  })
})
