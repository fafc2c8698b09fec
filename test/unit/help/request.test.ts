import { describe, expect, it } from 'vitest'
import { valueTakingGlobalFlags } from '../../../src/cli/global-flags.js'
import { helpRequest } from '../../../src/cli/help/request.js'
import { programName } from '../../../src/cli/program-name.js'

const ids = new Set(['image-list', 'image-show', 'help'])
const request = (...argv: string[]) => helpRequest(argv, ids, valueTakingGlobalFlags())

describe('which command lines ask for help', () => {
  it('no arguments, --help and -h (with global options before them): the main page', () => {
    for (const argv of [[], ['--help'], ['-h'], ['-d', '--help'], ['--os-image-url', 'http://x', '-h']]) {
      expect(request(...argv), argv.join(' ')).toEqual({ kind: 'main' })
    }
  })

  it('help [<subcommand>], after global options too, and -- ending options', () => {
    expect(request('help')).toEqual({ kind: 'main' })
    expect(request('help', 'image-list')).toEqual({ kind: 'command', id: 'image-list' })
    expect(request('-d', '--os-image-url', 'http://x', 'help', 'image-show')).toEqual({ kind: 'command', id: 'image-show' })
    expect(request('help', '--', 'image-list')).toEqual({ kind: 'command', id: 'image-list' })
    expect(request('help', '--help')).toEqual({ kind: 'command', id: 'help' })
  })

  it("help <unknown>: glance's one-line refusal; extra words or options: a usage error naming them", () => {
    expect(request('help', 'bogus')).toEqual({ kind: 'unknown', name: 'bogus' })
    expect(request('help', 'a', 'b')).toEqual({ kind: 'unrecognized', args: ['b'] })
    expect(request('help', 'image-list', '--debug')).toEqual({ kind: 'unrecognized', args: ['--debug'] })
    expect(request('help', '--debug', 'a', 'b')).toEqual({ kind: 'unrecognized', args: ['--debug', 'b'] })
  })

  it("<cmd> --help or -h anywhere before --: that command's page", () => {
    expect(request('image-list', '--help')).toEqual({ kind: 'command', id: 'image-list' })
    expect(request('image-show', 'x', '-h')).toEqual({ kind: 'command', id: 'image-show' })
    expect(request('--os-image-url', 'http://x', 'image-list', '--limit', '1', '-h')).toEqual({ kind: 'command', id: 'image-list' })
  })

  it('--help with an unknown subcommand: the main page, as glance', () => {
    expect(request('bogus', '--help')).toEqual({ kind: 'main' })
  })

  it('anything else runs as a command, --help after -- included', () => {
    expect(request('image-list')).toBeUndefined()
    expect(request('image-show', '--', '--help')).toBeUndefined()
    expect(request('image-list', '--help=x')).toBeUndefined()
    expect(request('bogus')).toBeUndefined()
  })
})

describe('programName', () => {
  it.each([
    ['/usr/lib/node_modules/tsglance/bin/run.js', 'tsglance'],
    ['/usr/local/bin/tsglance', 'tsglance'],
    ['/tmp/x/glance', 'glance'],
    ['', 'tsglance'],
  ])('%s: %s', (script, name) => {
    expect(programName(script)).toBe(name)
  })
})
