/**
 * Parity of `explain` (a table of the server's live schema), of the global
 * `--get-schema`, and of the API-version choice (`--os-image-api-version`,
 * `OS_IMAGE_API_VERSION`, a version in `--os-image-url`) with the real
 * `glance` 4.1.0. Schemas are the same for every user and run, so outputs
 * compare byte for byte. Where tsglance differs on purpose
 * (docs/decisions/0006) the difference is asserted as documented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectParity, runBoth } from './support/parity.js'
import { glance, privateHome, tsglance } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const MODELS = [
  'image',
  'images',
  'member',
  'members',
  'task',
  'tasks',
  'metadefs/namespace',
  'metadefs/namespaces',
  'metadefs/object',
  'metadefs/objects',
  'metadefs/property',
  'metadefs/properties',
  'metadefs/resource_type',
  'metadefs/resource_types',
  'metadefs/tag',
  'metadefs/tags',
]

const INVALID_VERSION = 'Invalid API version parameter. Supported values are [1, 2]\n'

describe('explain', () => {
  it.each(MODELS)('%s', async (model) => {
    const pair = expectParity(await runBoth(['explain', model]), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| Attribute +\| Description +\|$/m)
  })

  it('the image model lists the live schema, custom properties included', async () => {
    const pair = expectParity(await runBoth(['explain', 'image']), { code: 0, masked: false })
    // The stack's schema-image.json adds these; glance's built-in schema lacks them.
    for (const property of ['os_distro', 'cinder_encryption_key_id']) expect(pair.tsglance.stdout).toMatch(new RegExp(`^\\| ${property} +\\|`, 'm'))
  })

  it('an unknown model', async () => {
    const pair = expectParity(await runBoth(['explain', 'foo']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe("Unable to find requested model 'foo'\n")
  })

  it('without a model: usage error (exit 2)', async () => {
    expectParity(await runBoth(['explain']), { code: 2, stderr: 'ignore', masked: false })
  })
})

describe('--get-schema', () => {
  /** With no API version set glance refreshes its schema cache; each tool gets a fresh HOME of its own. */
  const env = (home: string) => ({ ...openrc('demo'), HOME: home, OS_IMAGE_API_VERSION: '' })

  it('same output; glance rewrites ~/.glanceclient, tsglance writes nothing (decisions/0006)', async () => {
    const homes = { glance: privateHome(), tsglance: privateHome() }
    const args = ['--get-schema', 'explain', 'member']
    const pair = expectParity({ glance: await glance(args, { env: env(homes.glance) }), tsglance: await tsglance(args, { env: env(homes.tsglance) }) }, { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| member_id +\|/m)
    const cacheDir = join(homes.glance, '.glanceclient', createHash('sha1').update(openrc('demo').OS_AUTH_URL).digest('hex'))
    expect(readdirSync(cacheDir).sort()).toEqual(['image_schema.json', 'namespace_schema.json', 'resource_type_schema.json'])
    expect(JSON.parse(readFileSync(join(cacheDir, 'image_schema.json'), 'utf8')).name).toBe('image')
    expect(existsSync(join(homes.tsglance, '.glanceclient'))).toBe(false)
  })

  it('after the subcommand: glance refuses it (exit 2), tsglance takes it as any global option (decisions/0001)', async () => {
    const pair = await runBoth(['explain', '--get-schema', 'task'], { env: { HOME: privateHome(), OS_IMAGE_API_VERSION: '' } })
    expect(pair.glance.code).toBe(2)
    expect(pair.tsglance.code).toBe(0)
    expect(pair.tsglance.stdout).toBe((await glance(['explain', 'task'], { env: openrc('demo') })).stdout)
  })
})

describe('API version', () => {
  it.each(['3', '0', '2.0', 'two', '-2'])('--os-image-api-version %s is refused before any request', async (version) => {
    const pair = expectParity(await runBoth(['--os-image-api-version', version, 'explain', 'image']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(INVALID_VERSION)
  })

  it.each([' 2', '+2', '02'])('--os-image-api-version %j is 2', async (version) => {
    expectParity(await runBoth(['--os-image-api-version', version, 'explain', 'task']), { code: 0, masked: false })
  })

  it('OS_IMAGE_API_VERSION=3 is refused the same way', async () => {
    const pair = expectParity(await runBoth(['explain', 'image'], { env: { OS_IMAGE_API_VERSION: '3' } }), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(INVALID_VERSION)
  })

  it('a version in --os-image-url counts when no version is set', async () => {
    const pair = expectParity(await runBoth(['--os-image-url', 'http://127.0.0.1:9292/v3', 'explain', 'image'], { env: { OS_IMAGE_API_VERSION: '' } }), {
      code: 1,
      masked: false,
    })
    expect(pair.tsglance.stderr).toBe(INVALID_VERSION)
  })

  it('no version set at all: 2 (glance asks /versions and caches schemas first; tsglance does neither)', async () => {
    expectParity(await runBoth(['explain', 'members'], { env: { OS_IMAGE_API_VERSION: '', HOME: privateHome() } }), { code: 0, masked: false })
  })

  it('v1: both fail with exit 1; glance after the server answers 300, tsglance without asking (decisions/0006)', async () => {
    const pair = await runBoth(['--os-image-api-version', '1', 'image-list'])
    expect(pair.glance).toMatchObject({ code: 1, stdout: '', stderr: 'HTTPMultipleChoices (HTTP 300) Requested version of OpenStack Images API is not available.\n' })
    expect(pair.tsglance).toMatchObject({ code: 1, stdout: '', stderr: 'Images API v1 is not supported: Glance no longer serves it. Use --os-image-api-version 2.\n' })
  })
})
