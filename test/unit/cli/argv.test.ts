import { describe, expect, it } from 'vitest'
import { fillOptionalFlagValues, normaliseArgv } from '../../../src/cli/argv.js'
import { valueTakingGlobalFlags } from '../../../src/cli/global-flags.js'

const valueFlags = valueTakingGlobalFlags()

describe('normaliseArgv', () => {
  it('moves leading global options, with their values, behind the command', () => {
    expect(normaliseArgv(['--os-image-url', 'http://x', '--debug', 'image-list', '--limit', '1'], valueFlags)).toEqual([
      'image-list',
      '--os-image-url',
      'http://x',
      '--debug',
      '--limit',
      '1',
    ])
  })
  it('knows aliases and --flag=value forms', () => {
    expect(normaliseArgv(['--os-tenant-name', 'p', '--os-auth-url=http://k', 'image-show', 'id'], valueFlags)).toEqual([
      'image-show',
      '--os-tenant-name',
      'p',
      '--os-auth-url=http://k',
      'id',
    ])
  })
  it('leaves command-first argv alone', () => {
    expect(normaliseArgv(['image-list', '-v'], valueFlags)).toEqual(['image-list', '-v'])
    expect(normaliseArgv(['--debug'], valueFlags)).toEqual(['--debug'])
  })
  it("spells out glance's global -f (also clustered) as --force; after the command -f is --format", () => {
    expect(normaliseArgv(['-f', 'image-delete', 'x'], valueFlags)).toEqual(['image-delete', '--force', 'x'])
    expect(normaliseArgv(['-df', 'image-list'], valueFlags)).toEqual(['image-list', '--debug', '--force'])
    expect(normaliseArgv(['image-list', '-f', 'json'], valueFlags)).toEqual(['image-list', '-f', 'json'])
    expect(normaliseArgv(['--format', 'csv', 'image-list'], valueFlags)).toEqual(['image-list', '--format', 'csv'])
  })
  it('treats every value-taking global flag as taking a value', () => {
    for (const flag of ['--os-username', '--os-password', '--os-cloud', '--timeout', '--os-endpoint-type', '--os-interface']) {
      expect(valueFlags.has(flag)).toBe(true)
    }
    expect(valueFlags.has('--debug')).toBe(false)
    expect(valueFlags.has('--insecure')).toBe(false)
  })
})

describe('fillOptionalFlagValues', () => {
  it('gives a bare flag its constant, like argparse nargs=?', () => {
    expect(fillOptionalFlagValues(['--hidden'], ['hidden'])).toEqual(['--hidden', 'True'])
    expect(fillOptionalFlagValues(['--hidden', '--limit', '2'], ['hidden'])).toEqual(['--hidden', 'True', '--limit', '2'])
    expect(fillOptionalFlagValues(['--hidden', 'False'], ['hidden'])).toEqual(['--hidden', 'False'])
    expect(fillOptionalFlagValues(['--', '--hidden'], ['hidden'])).toEqual(['--', '--hidden'])
  })
})
