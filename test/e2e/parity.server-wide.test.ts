/**
 * Parity of the listings that show server-wide state: demo's whole
 * `image-list`, `usage` as demo and alt, and `md-namespace-list` of every
 * namespace. They compare only while nothing else changes images or
 * namespaces, so this file runs on its own after every other e2e file
 * (the e2e-serial project in vitest.config.ts); each pair still counts only
 * when glance printed the same before and after tsglance's run.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { admin, bothAdmin, firstColumn, glanceOk, NamespaceLedger } from './support/metadefs.js'
import { expectParity, listedIds, runBothSettled } from './support/parity.js'
import { glance, tsglance } from './support/run.js'
import { requireStack } from './support/stack.js'

requireStack()

const images = new ImageLedger('wide')
const ledger = new NamespaceLedger('wide')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-wide-'))
const dataFile = join(dir, 'data.img')
const smallFile = join(dir, 'small.img')
writeFileSync(dataFile, randomBytes(4219))
writeFileSync(smallFile, randomBytes(1000))

afterAll(async () => {
  try {
    await images.cleanup()
    await ledger.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('image-list', () => {
  const tag = images.name('list')
  const ids: Record<'a' | 'b' | 'c' | 'hidden', string> = { a: '', b: '', c: '', hidden: '' }

  beforeAll(async () => {
    ids.a = await images.create('list-a', ['--tags', tag, 'extra', '--property', 'color=red', '--disk-format', 'raw', '--container-format', 'bare', '--file', dataFile])
    ids.b = await images.create('list-b', ['--tags', tag, '--property', 'color=blue'])
    ids.c = await images.create('list-c', ['--tags', tag, '--property', 'color=red', '--visibility', 'private', '--disk-format', 'qcow2', '--container-format', 'bare', '--file', smallFile])
    ids.hidden = await images.create('list-hidden', ['--tags', tag, '--hidden', 'True'])
  })

  it('default (everything demo sees, this run included)', async () => {
    const pair = expectParity(await runBothSettled(['image-list']), { code: 0, masked: false })
    const listed = listedIds(pair.glance.stdout)
    expect(listed).toEqual(expect.arrayContaining([ids.a, ids.b, ids.c]))
    expect(listed).not.toContain(ids.hidden)
  })
})

describe('usage', () => {
  it.each(['demo', 'alt'] as const)('the quota table as %s (same server state)', async (user) => {
    const pair = expectParity(await runBothSettled(['usage'], { user }, 8), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| Quota +\| Limit +\| Usage +\|$/m)
    expect(pair.tsglance.stdout).toMatch(/^\| image_count_total /m)
  })
})

describe('md-namespace-list', () => {
  const listed = (stdout: string) => firstColumn(stdout).filter((name) => name.startsWith(ledger.prefix))

  beforeAll(async () => {
    for (const suffix of ['list-a', 'list-b', 'list-c']) await glanceOk(['md-namespace-create', ledger.name('f', suffix), '--visibility', 'public'])
    await glanceOk(['md-resource-type-associate', ledger.name('f', 'list-b'), '--name', 'OS::Trove::Instance'])
  })

  // Other suites never touch namespaces, but this one does: compare runs whose
  // listing glance saw the same before and after tsglance's.
  const settledPair = async (args: string[]) => {
    for (let attempt = 1; ; attempt++) {
      const before = await glance(args, admin)
      const own = await tsglance(args, admin)
      const after = await glance(args, admin)
      if (before.stdout === after.stdout || attempt === 3) return { glance: after, tsglance: own }
    }
  }

  for (const [what, args] of [
    ['default (pages of 20)', []],
    ['--page-size 3 (follows every next link)', ['--page-size', '3']],
    ['--page-size 1', ['--page-size', '1']],
    ['--page-size 0 (the default)', ['--page-size', '0']],
    ['--visibility public', ['--visibility', 'public']],
    ['--visibility private', ['--visibility', 'private']],
    ['--resource-types (two, joined)', ['--resource-types', 'OS::Trove::Instance', '--resource-types', 'OS::Cinder::Volume', '--page-size', '4']],
    ['--resource-types of nothing', ['--resource-types', 'OS::Nowhere']],
  ] as const) {
    it(what, async () => {
      const pair = await settledPair(['md-namespace-list', ...args])
      expect(pair.glance.code, pair.glance.stderr).toBe(0)
      expect(pair.tsglance.code, pair.tsglance.stderr).toBe(0)
      expect(pair.tsglance.stdout).toBe(pair.glance.stdout)
      expect(pair.tsglance.stderr).toBe('')
    })
  }

  it('lists every stock namespace and this run\'s, with a page size that splits them', async () => {
    const pair = await settledPair(['md-namespace-list', '--page-size', '5'])
    expect(firstColumn(pair.tsglance.stdout)).toEqual(expect.arrayContaining(['OS::Compute::Libvirt', 'OS::Software::DBMS', ledger.name('f', 'list-a')]))
    expect(listed(pair.tsglance.stdout)).toEqual(expect.arrayContaining([ledger.name('f', 'list-a'), ledger.name('f', 'list-b'), ledger.name('f', 'list-c')]))
    const withTrove = await settledPair(['md-namespace-list', '--resource-types', 'OS::Trove::Instance'])
    expect(listed(withTrove.tsglance.stdout)).toEqual([ledger.name('f', 'list-b')])
  })

  for (const [what, args, code] of [
    ['a visibility Glance does not know (400)', ['--visibility', 'bogus'], 1],
    ['a negative page size (400)', ['--page-size', '-1'], 1],
  ] as const) {
    it(`refuses ${what}`, async () => {
      await bothAdmin(ledger, ['md-namespace-list', ...args], { code })
    })
  }

  it('refuses a page size that is no integer (usage, exit 2)', async () => {
    const pair = await bothAdmin(ledger, ['md-namespace-list', '--page-size', 'x'], { code: 2, stderr: 'ignore' })
    expect(pair.tsglance.stderr).toMatch(/^tsglance md-namespace-list: error: /)
  })
})
