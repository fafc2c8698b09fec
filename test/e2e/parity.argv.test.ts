/**
 * argparse's reading of the command line, against the real `glance` 4.1.0
 * (docs/decisions/0019):
 * - an option given twice keeps its last occurrence: `--name a --name b`
 *   is b, and nargs='+' options (`--tags`, `--resource-type-associations`)
 *   keep only the words of their last occurrence;
 * - `[True|False]` options take oslo's spellings in any case and store what
 *   glance stores; any other value is a usage error (exit 2) before anything
 *   is sent, where glance 4.1.0 quietly reads it as False.
 *
 * Images and namespaces are named with this run's prefixes and removed in
 * afterAll.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { admin, bothAdmin, NamespaceLedger } from './support/metadefs.js'
import { expectImageParity, expectParity, imageIdOf, listedIds, runBoth, tableValue } from './support/parity.js'
import { glanceApi, type ApiImage } from './support/rest.js'
import { glance, tsglance, type RunResult } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const images = new ImageLedger('argv')
const namespaces = new NamespaceLedger('argv')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-argv-'))
const demo = { env: openrc('demo') }

afterAll(async () => {
  try {
    await images.cleanup()
    await namespaces.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** Image ids carrying this tag, as demo lists them through Glance's API. */
async function taggedWith(tag: string): Promise<string[]> {
  const { images: tagged } = await glanceApi<{ images: ApiImage[] }>('demo', 'GET', `/v2/images?tag=${encodeURIComponent(tag)}`)
  return tagged.map((image) => image.id).sort()
}

const ids = (created: { glance: RunResult; tsglance: RunResult }) => [imageIdOf(created.glance.stdout)!, imageIdOf(created.tsglance.stdout)!].sort()

describe('a repeated option keeps its last occurrence', () => {
  const tag = (word: string) => images.name(word)

  it('image-create --tags A --tags B sends [B]; image-list --tag finds the images by B only', async () => {
    const created = await expectImageParity(await runBoth(['image-create', '--name', images.name('tags-twice'), '--tags', tag('alpha'), '--tags', tag('beta')]), { code: 0 })
    expect(tableValue(created.tsglance.stdout, 'tags')).toBe(`["${tag('beta')}"]`)
    expect(await taggedWith(tag('beta'))).toEqual(ids(created))
    expect(await taggedWith(tag('alpha'))).toEqual([])
  })

  it('image-create --tags A1 A2 --name N --tags B1 B2 keeps B1 B2, every word of the last occurrence', async () => {
    const args = ['image-create', '--tags', tag('a1'), tag('a2'), '--name', images.name('tags-words'), '--tags', tag('b1'), tag('b2')]
    const created = await expectImageParity(await runBoth(args), { code: 0 })
    expect(await taggedWith(tag('b2'))).toEqual(ids(created))
    expect(await taggedWith(tag('a1'))).toEqual([])
  })

  it('image-create --name A --name B names the image B (oclif refused the second --name)', async () => {
    const created = await expectImageParity(await runBoth(['image-create', '--name', images.name('first'), '--visibility', 'private', '--name=' + images.name('second')]), {
      code: 0,
    })
    expect(tableValue(created.tsglance.stdout, 'name')).toBe(images.name('second'))
  })

  it('image-update --min-disk 1 --min-disk 3 --protected True --protected no stores 3 and False', async () => {
    const own = { glance: await images.create('update-twice'), tsglance: await images.create('update-twice') }
    const pair = await runBoth((tool) => ['image-update', '--min-disk', '1', '--min-disk', '3', '--protected', 'True', '--protected', 'no', own[tool]])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'min_disk')).toBe('3')
    expect(tableValue(pair.tsglance.stdout, 'protected')).toBe('False')
  })

  it('md-namespace-create --resource-type-associations a b --resource-type-associations c: glance checks only [c]', async () => {
    const pair = await bothAdmin(
      namespaces,
      (tool) => ['md-namespace-create', namespaces.name(tool, 'rta'), '--resource-type-associations', 'a', 'b', '--resource-type-associations', 'c'],
      { code: 1, stderr: 'first-line' },
    )
    // The first item both checked is c: a and b were dropped with their occurrence.
    expect(pair.tsglance.stderr.split('\n')[0]).toBe("'c' is not of type 'object'")
    expect(pair.glance.stderr).toContain("On instance['resource_type_associations'][0]:\n    'c'")
    expect(await namespaces.remaining()).toEqual([])
  })
})

describe('[True|False] options', () => {
  /** This run's images, so a refused command line can be shown to have created none. */
  let before: string[] = []
  let fixture = ''
  let fixtureRecord = ''
  const showFixture = async () => (await glance(['image-show', fixture], demo)).stdout

  beforeAll(async () => {
    fixture = await images.create('strict-fixture', ['--protected', 'True'])
    fixtureRecord = await showFixture()
    before = (await images.remaining()).sort()
  })

  /** The usage error and no request at all: the request log (TSGLANCE_DEBUG_LOG) is never written. */
  async function refused(args: string[], option: string, value: string, env: Record<string, string> = {}): Promise<void> {
    const log = join(dir, `${option}-${value}-${Date.now()}.log`)
    const res = await tsglance(args, { env: { ...openrc('admin'), ...env, TSGLANCE_DEBUG_LOG: log } })
    expect(res.code, res.stderr).toBe(2)
    expect(res.stdout).toBe('')
    const [problem, pointer] = res.stderr.trimEnd().split('\n')
    expect(problem).toBe(
      `tsglance ${args[0]}: error: argument --${option}: invalid boolean value: '${value}' ` +
        "(acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes')",
    )
    expect(pointer).toBe(`See 'tsglance help ${args[0]}'.`)
    expect(existsSync(log), 'a request was sent').toBe(false)
  }

  it('glance 4.1.0 reads --protected maybe as False and makes the image; tsglance refuses it (exit 2)', async () => {
    const name = images.name('maybe')
    const g = await glance(['image-create', '--name', name, '--protected', 'maybe'], demo)
    expect(g.code, g.stderr).toBe(0)
    expect(tableValue(g.stdout, 'protected')).toBe('False')
    await refused(['image-create', '--name', name, '--protected', 'maybe'], 'protected', 'maybe')
    before.push(imageIdOf(g.stdout)!)
    expect((await images.remaining()).sort()).toEqual(before.sort())
  })

  it('every [True|False] option of every command refuses a value oslo does not know, and nothing changes', async () => {
    const name = images.name('refused')
    const formats = ['--disk-format', 'raw', '--container-format', 'bare']
    await refused(['image-create', '--name', name, '--hidden', 'maybe'], 'hidden', 'maybe')
    await refused(['image-create', '--name', name, '--protected', ''], 'protected', '')
    await refused(['image-update', fixture, '--protected', 'nope'], 'protected', 'nope')
    await refused(['image-update', '--hidden', 'truthy', fixture], 'hidden', 'truthy')
    await refused(['image-create-via-import', '--name', name, '--protected', 'maybe'], 'protected', 'maybe')
    await refused(['image-create-via-import', '--name', name, '--hidden', '2'], 'hidden', '2')
    await refused(['image-create-via-import', '--name', name, ...formats, '--import-method', 'web-download', '--uri', 'http://127.0.0.1:1/x', '--all-stores', 'all'], 'all-stores', 'all')
    await refused(['image-create-via-import', '--name', name, ...formats, '--import-method', 'web-download', '--uri', 'http://127.0.0.1:1/x', '--allow-failure', 'Si'], 'allow-failure', 'Si')
    await refused(['image-create-via-import', '--name', name], 'allow-failure', 'maybe', { OS_IMAGE_ALLOW_FAILURE: 'maybe' })
    await refused(['image-import', fixture, '--all-stores', 'none'], 'all-stores', 'none')
    await refused(['image-import', fixture, '--allow-failure', 'False!'], 'allow-failure', 'False!')
    await refused(['image-list', '--hidden', 'maybe'], 'hidden', 'maybe')
    await refused(['image-list', '--include-stores', 'yess'], 'include-stores', 'yess')
    await refused(['md-namespace-create', namespaces.name('tsglance', 'refused'), '--protected', 'maybe'], 'protected', 'maybe')
    await refused(['md-namespace-update', namespaces.name('tsglance', 'refused'), '--protected', 'maybe'], 'protected', 'maybe')
    expect((await images.remaining()).sort()).toEqual(before.sort())
    expect(await showFixture()).toBe(fixtureRecord)
    expect((await glance(['md-namespace-show', namespaces.name('tsglance', 'refused')], admin)).code).toBe(1)
  })

  it('image-create --protected T --hidden 0 and --protected off --hidden YES store what glance stores', async () => {
    const first = await expectImageParity(await runBoth(['image-create', '--name', images.name('spell-1'), '--protected', 'T', '--hidden', '0']), { code: 0 })
    expect([tableValue(first.tsglance.stdout, 'protected'), tableValue(first.tsglance.stdout, 'os_hidden')]).toEqual(['True', 'False'])
    const second = await expectImageParity(await runBoth(['image-create', '--name', images.name('spell-2'), '--protected', 'off', '--hidden', ' YES ']), { code: 0 })
    expect([tableValue(second.tsglance.stdout, 'protected'), tableValue(second.tsglance.stdout, 'os_hidden')]).toEqual(['False', 'True'])
  })

  it('image-list --hidden takes the same spellings, and alone means True', async () => {
    const tagged = await images.create('spell-hidden', ['--tags', images.name('spell'), '--hidden', 'y'])
    for (const hidden of [['--hidden', 'ON'], ['--hidden'], ['--hidden', 'n'], ['--include-stores', 'F', '--hidden', 'Yes']]) {
      const pair = expectParity(await runBoth(['image-list', '--tag', images.name('spell'), ...hidden]), { code: 0, masked: false })
      expect(listedIds(pair.tsglance.stdout), hidden.join(' ')).toEqual(hidden.includes('n') ? [] : [tagged])
    }
  })

  it('md-namespace-create --protected On and md-namespace-update --protected N match glance', async () => {
    await bothAdmin(namespaces, (tool) => ['md-namespace-create', namespaces.name(tool, 'spell'), '--protected', 'On'], { code: 0 })
    const updated = await bothAdmin(namespaces, (tool) => ['md-namespace-update', namespaces.name(tool, 'spell'), '--protected', 'N'], { code: 0 })
    expect(tableValue(updated.tsglance.stdout, 'protected')).toBe('False')
  })
})
