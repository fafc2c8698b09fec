import { describe, expect, it } from 'vitest'
import { fillOptionalFlagValues, keepLastOccurrences, normaliseArgv, type FlagSyntax } from '../../../src/cli/argv.js'
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

describe('keepLastOccurrences', () => {
  const flags: Record<string, FlagSyntax> = {
    name: { type: 'option' },
    tags: { type: 'option', multiple: true },
    property: { type: 'option', multiple: true, multipleNonGreedy: true },
    format: { type: 'option', char: 'f' },
    'os-project-name': { type: 'option', aliases: ['os-tenant-name'] },
    progress: { type: 'boolean' },
  }
  const keep = (...argv: string[]) => keepLastOccurrences(argv, flags)

  it('keeps the last value of a single-value option, as argparse store does', () => {
    expect(keep('--name', 'a', '--name', 'b')).toEqual(['--name', 'b'])
    expect(keep('--name=a', 'ID', '--name', 'b')).toEqual(['ID', '--name', 'b'])
    expect(keep('--name', 'a', '--name=b')).toEqual(['--name=b'])
    expect(keep('-f', 'json', '--format', 'csv', '-fvalue')).toEqual(['-fvalue'])
    expect(keep('--os-tenant-name', 'p', '--os-project-name', 'q')).toEqual(['--os-project-name', 'q'])
  })
  it("keeps the last occurrence of an nargs='+' option with all its words", () => {
    expect(keep('--tags', 'alpha', '--tags', 'beta')).toEqual(['--tags', 'beta'])
    expect(keep('--tags', 'a', 'b', '--name', 'n', '--tags', 'c', 'd')).toEqual(['--name', 'n', '--tags', 'c', 'd'])
    expect(keep('--tags', 'a', '-1', '-', '--tags', 'c')).toEqual(['--tags', 'c'])
  })
  it('ends an occurrence given as --flag=value at its own word, as argparse does', () => {
    expect(keep('--tags=a', 'b', '--tags', 'c')).toEqual(['b', '--tags', 'c'])
  })
  it('leaves append flags, booleans, single occurrences and values that look like flags alone', () => {
    expect(keep('--property', 'a=1', '--property', 'b=2')).toEqual(['--property', 'a=1', '--property', 'b=2'])
    expect(keep('--progress', '--progress')).toEqual(['--progress', '--progress'])
    expect(keep('--tags', 'a', 'b', 'c')).toEqual(['--tags', 'a', 'b', 'c'])
    expect(keep('--name', '--tags', '--name', 'x')).toEqual(['--name', '--tags', '--name', 'x'])
    expect(keep('--name', '-x', '--name', 'y')).toEqual(['--name', 'y'])
  })
  it('keeps an occurrence missing its value, for oclif to report as such', () => {
    expect(keep('--name', 'a', '--name')).toEqual(['--name'])
    expect(keep('--name', '--name', 'x')).toEqual(['--name', '--name', 'x'])
    expect(keep('--name', 'a', '--name', '--tags', 't', '--name', 'b')).toEqual(['--name', '--tags', 't', '--name', 'b'])
    expect(keep('--tags', '--name', 'n', '--tags', 'b')).toEqual(['--tags', '--name', 'n', '--tags', 'b'])
  })
  it('stops at --: what follows is positional', () => {
    expect(keep('--name', 'a', '--', '--name', 'b')).toEqual(['--name', 'a', '--', '--name', 'b'])
    expect(keep('--name', 'a', '--name', 'b', '--', '--name', 'c')).toEqual(['--name', 'b', '--', '--name', 'c'])
  })
  it('skips the values of append flags, which may look like flags', () => {
    expect(keep('--property', '--name', '--name', 'x')).toEqual(['--property', '--name', '--name', 'x'])
    expect(keep('--property', '-x', '--name', 'a', '--name', 'b')).toEqual(['--property', '-x', '--name', 'b'])
  })
})
