/**
 * `client.metadefs` as a library user sees it (the package's own entry
 * point), against the real Glance, as admin: create a namespace with
 * contents, fill it further, read everything back (also through the real
 * `glance`, the reference), page through the namespaces, update by fields
 * and by function, empty it and delete it. Typed errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient, HTTPConflict, HTTPNotFound, type Namespace } from 'tsglance'
import { firstColumn, glanceOk, NamespaceLedger } from './support/metadefs.js'
import { recordingClient } from './support/sdk-client.js'
import { requireStack } from './support/stack.js'

requireStack()

const ledger = new NamespaceLedger('sdk')
const name = ledger.name('f', 'sdk')
const renamed = ledger.name('f', 'sdk2')
const requests: string[] = []
let glance: GlanceClient

beforeAll(() => {
  glance = recordingClient('admin', requests)
})

afterAll(async () => {
  try {
    await glance.close()
  } finally {
    await ledger.cleanup()
  }
})

describe('client.metadefs', () => {
  it('creates a namespace with properties, objects, tags and associations in one request', async () => {
    const created = await glance.metadefs.namespaces.create({
      namespace: name,
      display_name: 'SDK',
      visibility: 'public',
      properties: { speed: { title: 'Speed', type: 'integer', minimum: 1 } },
      objects: [{ name: 'Box', properties: { size: { title: 'Size', type: 'string' } } }],
      tags: [{ name: 'first' }],
      resource_type_associations: [{ name: 'OS::Glance::Image', prefix: 'sdk_' }],
    })
    expect(created).toMatchObject({ namespace: name, display_name: 'SDK', visibility: 'public', protected: false })
    expect(created.properties).toEqual({ speed: { title: 'Speed', type: 'integer', minimum: 1 } })
    await expect(glance.metadefs.namespaces.create({ namespace: name })).rejects.toBeInstanceOf(HTTPConflict)
  })

  it('adds contents one by one and several tags at once', async () => {
    const { metadefs } = glance
    expect(await metadefs.properties.create(name, { name: 'mode', title: 'Mode', type: 'string', enum: ['a', 'b'] })).toMatchObject({ name: 'mode', enum: ['a', 'b'] })
    expect(await metadefs.objects.create(name, { name: 'Crate', description: 'A crate.', required: ['w'], properties: { w: { title: 'W', type: 'number' } } })).toMatchObject({
      name: 'Crate',
    })
    expect((await metadefs.tags.create(name, 'second')).name).toBe('second')
    expect((await metadefs.tags.createMultiple(name, ['third', 'fourth'], { append: true })).map((t) => t.name)).toEqual(['third', 'fourth'])
    expect(await metadefs.resourceTypes.associate(name, { name: 'OS::Nova::Flavor', prefix: 'sdk:' })).toMatchObject({ name: 'OS::Nova::Flavor', prefix: 'sdk:' })
  })

  it('reads everything back, as glance does', async () => {
    const { metadefs } = glance
    const namespace = await metadefs.namespaces.get(name)
    expect(Object.keys(namespace.properties ?? {}).sort()).toEqual(['mode', 'speed'])
    expect(namespace.objects?.map((o) => o.name).sort()).toEqual(['Box', 'Crate'])
    expect(namespace.tags?.map((t) => t.name).sort()).toEqual(['first', 'fourth', 'second', 'third'])
    expect((await metadefs.namespaces.get(name, { resourceType: 'OS::Glance::Image' })).properties).toHaveProperty('sdk_speed')

    expect((await metadefs.properties.list(name)).map((p) => p.name).sort()).toEqual(firstColumn((await glanceOk(['md-property-list', name])).stdout).sort())
    expect((await metadefs.objects.list(name)).map((o) => o.name).sort()).toEqual(firstColumn((await glanceOk(['md-object-list', name])).stdout).sort())
    expect((await metadefs.tags.list(name)).map((t) => t.name)).toEqual(firstColumn((await glanceOk(['md-tag-list', name])).stdout))
    expect((await metadefs.resourceTypes.associations(name)).map((a) => a.name)).toEqual(
      firstColumn((await glanceOk(['md-namespace-resource-type-list', name])).stdout),
    )
    expect((await metadefs.resourceTypes.list()).map((r) => r.name)).toEqual(firstColumn((await glanceOk(['md-resource-type-list'])).stdout))
    expect(await metadefs.properties.get(name, 'mode')).toEqual({ name: 'mode', title: 'Mode', type: 'string', enum: ['a', 'b'] })
    expect((await metadefs.objects.get(name, 'Crate')).required).toEqual(['w'])
    expect((await metadefs.tags.get(name, 'third')).name).toBe('third')
    await expect(metadefs.objects.get(name, 'Nope')).rejects.toBeInstanceOf(HTTPNotFound)
  })

  it('pages through every namespace, following next links', async () => {
    requests.length = 0
    const list = glance.metadefs.namespaces.list({ pageSize: 4 })
    let pages = 0
    const names: string[] = []
    for await (const page of list.pages()) {
      pages += 1
      names.push(...page.map((n: Namespace) => n.namespace))
    }
    expect(names).toContain(name)
    expect(names).toEqual(expect.arrayContaining(['OS::Compute::Libvirt', 'OS::Software::DBMS']))
    expect(pages).toBe(Math.ceil(names.length / 4) + (names.length % 4 === 0 ? 1 : 0))
    expect(requests.filter((line) => line.includes('/v2/metadefs/namespaces?'))).toHaveLength(pages)
    expect(new Set(names).size).toBe(names.length)
    const publicOnes = await glance.metadefs.namespaces.list({ visibility: 'public', resourceTypes: ['OS::Nova::Flavor'], limit: 100 }).toArray()
    expect(publicOnes.map((n) => n.namespace)).toContain(name)
  })

  it('updates by fields and by function, renames included', async () => {
    const { metadefs } = glance
    expect(await metadefs.properties.update(name, 'mode', { name: 'style', title: 'Style' })).toMatchObject({ name: 'style', title: 'Style', enum: ['a', 'b'] })
    expect((await metadefs.objects.update(name, 'Crate', (current) => ({ ...current, description: `${current.description} Updated.` }))).description).toBe('A crate. Updated.')
    expect((await metadefs.tags.update(name, 'first', { name: 'zeroth' })).name).toBe('zeroth')
    const updated = await metadefs.namespaces.update(name, { namespace: renamed, description: 'Renamed.' })
    expect(updated).toMatchObject({ namespace: renamed, description: 'Renamed.', display_name: 'SDK' })
    expect(updated.objects?.map((o) => o.name).sort()).toEqual(['Box', 'Crate'])
    await expect(metadefs.namespaces.get(name)).rejects.toBeInstanceOf(HTTPNotFound)
  })

  it('deletes contents one by one and all at once, then the namespace', async () => {
    const { metadefs } = glance
    await metadefs.resourceTypes.deassociate(renamed, 'OS::Nova::Flavor')
    await metadefs.tags.delete(renamed, 'zeroth')
    await metadefs.properties.delete(renamed, 'style')
    await metadefs.objects.delete(renamed, 'Box')
    await expect(metadefs.objects.delete(renamed, 'Box')).rejects.toBeInstanceOf(HTTPNotFound)
    await metadefs.objects.deleteAll(renamed)
    await metadefs.properties.deleteAll(renamed)
    await metadefs.tags.deleteAll(renamed)
    const emptied = await metadefs.namespaces.get(renamed)
    expect([emptied.objects, emptied.properties, emptied.tags]).toEqual([undefined, undefined, undefined])
    expect((await metadefs.resourceTypes.associations(renamed)).map((a) => a.name)).toEqual(['OS::Glance::Image'])
    await metadefs.namespaces.delete(renamed)
    expect(await ledger.remaining()).toEqual([])
  })
})
