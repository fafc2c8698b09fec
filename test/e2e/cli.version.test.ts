/**
 * `--version` wherever glance takes it: glance's top-level parser reads its
 * options out of the whole command line, so credentials before it (as
 * tempest's CLI runner puts them), options after it, or a subcommand before
 * it all still print the version and exit 0; after `--` it is an argument.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { glance, privateHome, tsglance } from './support/run.js'

const VERSION = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')).version as string
const CREDENTIALS = ['--os-username', 'admin', '--os-project-name', 'admin', '--os-password', 'not-used', '--os-auth-url', 'http://127.0.0.1:1/v3']

describe('--version', () => {
  it.each([
    ['alone', ['--version']],
    ['after the credentials, before more options', [...CREDENTIALS, '--version', '--os-endpoint-type', 'publicURL']],
    ['after switches', ['-d', '--get-schema', '--version']],
    ['after a subcommand', ['image-list', '--version']],
    ['after a subcommand and its options', ['image-list', '--limit', '3', '--version']],
  ])('%s: the version on stdout, exit 0, as glance', async (_case, args) => {
    const env = { HOME: privateHome() }
    const [g, t] = [await glance(args, { env }), await tsglance(args, { env })]
    expect([g.code, g.stderr, g.stdout]).toEqual([0, '', '4.1.0\n'])
    expect([t.code, t.stderr, t.stdout]).toEqual([0, '', `${VERSION}\n`])
  })

  it('after `--` it is no option: a usage error (exit 2), as glance', async () => {
    const env = { HOME: privateHome() }
    const args = ['image-list', '--', '--version']
    const [g, t] = [await glance(args, { env }), await tsglance(args, { env })]
    expect([g.code, t.code]).toEqual([2, 2])
    expect(t.stdout).toBe('')
    expect(t.stderr).toContain('--version')
  })
})
