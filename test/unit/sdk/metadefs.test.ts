import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPNotFound } from '../../../src/sdk/errors.js'
import type { Namespace } from '../../../src/sdk/metadefs/types.js'
import { createMockDispatcher, type MockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const md = `${base}/v2/metadefs`
const clientFor = (mock: MockDispatcher) => new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' } })
const bodyOf = (mock: MockDispatcher, index: number) => JSON.parse(mock.requests[index].body.toString('utf8'))
const sent = (mock: MockDispatcher) => mock.requests.map((r) => `${r.method} ${r.url.slice(base.length)}`)

const namespace = (name: string, extra: Partial<Namespace> = {}): Namespace => ({
  namespace: name,
  visibility: 'private',
  protected: false,
  owner: 'p1',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  self: `/v2/metadefs/namespaces/${name}`,
  schema: '/v2/schemas/metadefs/namespace',
  ...extra,
})

describe('metadefs.namespaces.list', () => {
  it("pages through every namespace by Glance's next links, filters in glanceclient's order", async () => {
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces`, ({ request }) => {
        const marker = new URL(request.url).searchParams.get('marker')
        if (!marker) return HttpResponse.json({ namespaces: [namespace('a'), namespace('b')], next: '/v2/metadefs/namespaces?limit=2&marker=b' })
        return HttpResponse.json({ namespaces: [namespace('c')], first: '/v2/metadefs/namespaces?limit=2' })
      }),
    )
    const list = clientFor(mock).metadefs.namespaces.list({ resourceTypes: ['OS::Glance::Image', 'OS::Nova::Flavor'], visibility: 'public', pageSize: 2 })
    expect((await list.toArray()).map((n) => n.namespace)).toEqual(['a', 'b', 'c'])
    expect(sent(mock)).toEqual([
      'GET /v2/metadefs/namespaces?resource_types=OS%3A%3AGlance%3A%3AImage%2COS%3A%3ANova%3A%3AFlavor&visibility=public&limit=2',
      'GET /v2/metadefs/namespaces?limit=2&marker=b',
    ])
    expect(mock.requests[0].headers['x-auth-token']).toBe('tok')
  })

  it("asks for glanceclient's 20 per page unless told (0 counts as not told)", async () => {
    const mock = createMockDispatcher(http.get(`${md}/namespaces`, () => HttpResponse.json({ namespaces: [] })))
    await clientFor(mock).metadefs.namespaces.list({ pageSize: 0 }).toArray()
    expect(sent(mock)).toEqual(['GET /v2/metadefs/namespaces?limit=20'])
  })

  it('sends marker and sort after the page size', async () => {
    const mock = createMockDispatcher(http.get(`${md}/namespaces`, () => HttpResponse.json({ namespaces: [] })))
    await clientFor(mock).metadefs.namespaces.list({ marker: 'm', sortKey: 'namespace', sortDir: 'asc' }).toArray()
    expect(sent(mock)).toEqual(['GET /v2/metadefs/namespaces?limit=20&marker=m&sort_key=namespace&sort_dir=asc'])
  })
})

describe('metadefs.namespaces', () => {
  it('get: the name percent-encoded, the resource type as a query', async () => {
    const mock = createMockDispatcher(http.get(`${md}/namespaces/:name`, ({ params }) => HttpResponse.json(namespace(String(params.name)))))
    const ns = await clientFor(mock).metadefs.namespaces.get('OS::Compute::Libvirt', { resourceType: 'OS::Glance::Image' })
    expect(ns.namespace).toBe('OS::Compute::Libvirt')
    expect(sent(mock)).toEqual(['GET /v2/metadefs/namespaces/OS%3A%3ACompute%3A%3ALibvirt?resource_type=OS%3A%3AGlance%3A%3AImage'])
  })

  it('create posts the definition, contents included', async () => {
    const mock = createMockDispatcher(http.post(`${md}/namespaces`, async ({ request }) => HttpResponse.json(namespace('n', (await request.json()) as Partial<Namespace>), { status: 201 })))
    const definition = { namespace: 'n', tags: [{ name: 't' }], properties: { p: { title: 'P', type: 'string' as const } } }
    const created = await clientFor(mock).metadefs.namespaces.create(definition)
    expect(bodyOf(mock, 0)).toEqual(definition)
    expect(created.tags).toEqual([{ name: 't' }])
  })

  it('update reads, PUTs the edited namespace without read-only attributes, and reads it back by its new name', async () => {
    let stored = namespace('old', { description: 'd', objects: [{ name: 'o' }] })
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/:name`, ({ params }) =>
        params.name === stored.namespace ? HttpResponse.json(stored) : HttpResponse.json({ message: 'nope' }, { status: 404 }),
      ),
      http.put(`${md}/namespaces/old`, async ({ request }) => {
        stored = namespace('x', { ...((await request.json()) as Namespace), updated_at: '2024-02-02T00:00:00Z' })
        return HttpResponse.json({ ...stored, updated_at: '2024-01-01T00:00:00Z' })
      }),
    )
    const updated = await clientFor(mock).metadefs.namespaces.update('old', { namespace: 'new', display_name: 'New' })
    expect(sent(mock)).toEqual(['GET /v2/metadefs/namespaces/old', 'PUT /v2/metadefs/namespaces/old', 'GET /v2/metadefs/namespaces/new'])
    expect(bodyOf(mock, 1)).toEqual({
      namespace: 'new',
      display_name: 'New',
      description: 'd',
      visibility: 'private',
      protected: false,
      owner: 'p1',
      objects: [{ name: 'o' }],
    })
    // The second read, not the PUT's answer (whose updated_at lags).
    expect(updated.updated_at).toBe('2024-02-02T00:00:00Z')
  })

  it('update takes a function of the current namespace', async () => {
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/n`, () => HttpResponse.json(namespace('n', { description: 'before' }))),
      http.put(`${md}/namespaces/n`, () => HttpResponse.json({})),
    )
    await clientFor(mock).metadefs.namespaces.update('n', (current) => ({ ...current, description: `${current.description} and after` }))
    expect(bodyOf(mock, 1).description).toBe('before and after')
  })

  it('delete; a missing namespace is HTTPNotFound', async () => {
    const mock = createMockDispatcher(
      http.delete(`${md}/namespaces/gone`, () => new HttpResponse(null, { status: 204 })),
      http.delete(`${md}/namespaces/missing`, () => HttpResponse.json({}, { status: 404 })),
    )
    const namespaces = clientFor(mock).metadefs.namespaces
    await namespaces.delete('gone')
    await expect(namespaces.delete('missing')).rejects.toBeInstanceOf(HTTPNotFound)
  })
})

describe('metadefs.objects, .properties, .tags', () => {
  it('objects: list, create, get, rename (PUT at the old name, read at the new), delete one and all', async () => {
    const object = { name: 'o', description: 'd', created_at: 't', updated_at: 't', self: '/x', schema: '/s' }
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/ns/objects`, () => HttpResponse.json({ objects: [object], schema: '/v2/schemas/metadefs/objects' })),
      http.post(`${md}/namespaces/ns/objects`, () => HttpResponse.json(object, { status: 201 })),
      http.get(`${md}/namespaces/ns/objects/:name`, ({ params }) => HttpResponse.json({ ...object, name: params.name })),
      http.put(`${md}/namespaces/ns/objects/o`, () => HttpResponse.json({})),
      http.delete(`${md}/namespaces/ns/objects/:name`, () => new HttpResponse(null, { status: 204 })),
      http.delete(`${md}/namespaces/ns/objects`, () => new HttpResponse(null, { status: 204 })),
    )
    const objects = clientFor(mock).metadefs.objects
    expect(await objects.list('ns')).toEqual([object])
    await objects.create('ns', { name: 'o', required: ['a'] })
    expect(bodyOf(mock, 1)).toEqual({ name: 'o', required: ['a'] })
    expect((await objects.update('ns', 'o', { name: 'p' })).name).toBe('p')
    expect(bodyOf(mock, 3)).toEqual({ name: 'p', description: 'd' })
    await objects.delete('ns', 'a b')
    await objects.deleteAll('ns')
    expect(sent(mock).slice(2)).toEqual([
      'GET /v2/metadefs/namespaces/ns/objects/o',
      'PUT /v2/metadefs/namespaces/ns/objects/o',
      'GET /v2/metadefs/namespaces/ns/objects/p',
      'DELETE /v2/metadefs/namespaces/ns/objects/a%20b',
      'DELETE /v2/metadefs/namespaces/ns/objects',
    ])
  })

  it("properties: listed from Glance's name-keyed map, each named; a read is named as asked", async () => {
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/ns/properties`, () =>
        HttpResponse.json({ properties: { speed: { title: 'Speed', type: 'integer' }, mode: { title: 'Mode', type: 'string', enum: ['a'] } } }),
      ),
      http.get(`${md}/namespaces/ns/properties/speed`, () => HttpResponse.json({ title: 'Speed', type: 'integer' })),
    )
    const properties = clientFor(mock).metadefs.properties
    expect(await properties.list('ns')).toEqual([
      { name: 'speed', title: 'Speed', type: 'integer' },
      { name: 'mode', title: 'Mode', type: 'string', enum: ['a'] },
    ])
    expect(await properties.get('ns', 'speed')).toEqual({ name: 'speed', title: 'Speed', type: 'integer' })
  })

  it('tags: one by name in the path, several in one body (replacing, or appending with the header)', async () => {
    const mock = createMockDispatcher(
      http.post(`${md}/namespaces/ns/tags/:name`, ({ params }) => HttpResponse.json({ name: params.name, created_at: 't' }, { status: 201 })),
      http.post(`${md}/namespaces/ns/tags`, async ({ request }) => HttpResponse.json(await request.json(), { status: 201 })),
    )
    const tags = clientFor(mock).metadefs.tags
    expect(await tags.create('ns', 'a/b')).toEqual({ name: 'a/b', created_at: 't' })
    expect(await tags.createMultiple('ns', ['x', 'y'])).toEqual([{ name: 'x' }, { name: 'y' }])
    await tags.createMultiple('ns', ['z'], { append: true })
    expect(sent(mock)[0]).toBe('POST /v2/metadefs/namespaces/ns/tags/a%2Fb')
    expect(bodyOf(mock, 1)).toEqual({ tags: [{ name: 'x' }, { name: 'y' }] })
    expect(mock.requests[1].headers['x-openstack-append']).toBeUndefined()
    expect(mock.requests[2].headers['x-openstack-append']).toBe('True')
  })

  it('tags: a rename sends the tag without its timestamps', async () => {
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/ns/tags/:name`, ({ params }) => HttpResponse.json({ name: params.name, created_at: 't', updated_at: 't' })),
      http.put(`${md}/namespaces/ns/tags/old`, () => HttpResponse.json({})),
    )
    expect((await clientFor(mock).metadefs.tags.update('ns', 'old', { name: 'new' })).name).toBe('new')
    expect(bodyOf(mock, 1)).toEqual({ name: 'new' })
  })

  it("an edit sees no self link and cannot change Glance's timestamps; a self it sets is sent", async () => {
    const mock = createMockDispatcher(
      http.get(`${md}/namespaces/ns/objects/o`, () => HttpResponse.json({ name: 'o', self: '/link', schema: '/s', created_at: 't', updated_at: 't' })),
      http.put(`${md}/namespaces/ns/objects/o`, () => HttpResponse.json({})),
    )
    const seen: object[] = []
    await clientFor(mock).metadefs.objects.update('ns', 'o', (current) => {
      seen.push(current)
      return { ...current, created_at: 'then', self: '/mine' }
    })
    expect(seen).toEqual([{ name: 'o', schema: '/s', created_at: 't', updated_at: 't' }])
    expect(bodyOf(mock, 1)).toEqual({ name: 'o', self: '/mine' })
  })
})

describe('metadefs.resourceTypes', () => {
  it("lists Glance's resource types and a namespace's associations; associates and deassociates", async () => {
    const association = { name: 'OS::Glance::Image', prefix: 'hw_', created_at: 't' }
    const mock = createMockDispatcher(
      http.get(`${md}/resource_types`, () => HttpResponse.json({ resource_types: [{ name: 'OS::Glance::Image', created_at: 't' }] })),
      http.get(`${md}/namespaces/ns/resource_types`, () => HttpResponse.json({ resource_type_associations: [association] })),
      http.post(`${md}/namespaces/ns/resource_types`, () => HttpResponse.json(association, { status: 201 })),
      http.delete(`${md}/namespaces/ns/resource_types/:name`, () => new HttpResponse(null, { status: 204 })),
    )
    const resourceTypes = clientFor(mock).metadefs.resourceTypes
    expect(await resourceTypes.list()).toEqual([{ name: 'OS::Glance::Image', created_at: 't' }])
    expect(await resourceTypes.associations('ns')).toEqual([association])
    expect(await resourceTypes.associate('ns', { name: 'OS::Glance::Image', prefix: 'hw_' })).toEqual(association)
    expect(bodyOf(mock, 2)).toEqual({ name: 'OS::Glance::Image', prefix: 'hw_' })
    await resourceTypes.deassociate('ns', 'OS::Glance::Image')
    expect(sent(mock)[3]).toBe('DELETE /v2/metadefs/namespaces/ns/resource_types/OS%3A%3AGlance%3A%3AImage')
  })
})
