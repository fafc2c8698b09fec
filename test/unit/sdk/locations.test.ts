import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { LocationsHiddenError, ValidationError } from '../../../src/sdk/errors.js'
import { UnknownLocationError } from '../../../src/sdk/images/locations.js'
import { createMockDispatcher, type RecordedRequest } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'

const locations = [
  { url: 'http://127.0.0.1/a', metadata: { store: 'web' } },
  { url: 'http://127.0.0.1/b', metadata: {} },
  { url: 'http://127.0.0.1/c', metadata: { k: 'v' } },
]

function image(extra: Record<string, unknown> = {}) {
  return { id: 'img-1', name: 'x', status: 'active', tags: [], self: '/v2/images/img-1', locations, ...extra }
}

/**
 * GET answers with `shown` until a PATCH arrives, then with `afterPatch`;
 * PATCH answers as Glance does, echoing write-only validation data.
 */
function imageServer(shown: Record<string, unknown> = image(), afterPatch: Record<string, unknown> = image({ name: 'patched' })) {
  let patched = false
  return createMockDispatcher(
    http.get(`${base}/v2/images/img-1`, () => HttpResponse.json(patched ? afterPatch : shown)),
    http.patch(`${base}/v2/images/img-1`, () => {
      patched = true
      return HttpResponse.json(image({ name: 'patch response', locations: [{ url: 'u', metadata: {}, validation_data: {} }] }))
    }),
  )
}

const patchOf = (requests: RecordedRequest[]) => {
  const patch = requests.find((r) => r.method === 'PATCH')!
  expect(patch.headers['content-type']).toBe(PATCH_TYPE)
  return JSON.parse(patch.body.toString()) as unknown
}

describe('images.locations.add', () => {
  it('PATCHes one add at /locations/-, then reads the image back (not the PATCH echo)', async () => {
    const mock = imageServer()
    const updated = await mockClient(mock).images.locations.add('img-1', 'http://127.0.0.1/d', { metadata: { store: 'web' } })
    expect(mock.requests.map(requestLine)).toEqual([`PATCH ${base}/v2/images/img-1`, `GET ${base}/v2/images/img-1`])
    expect(patchOf(mock.requests)).toEqual([{ op: 'add', path: '/locations/-', value: { url: 'http://127.0.0.1/d', metadata: { store: 'web' } } }])
    expect(updated.name).toBe('patched')
  })

  it('sends metadata {} by default and validation data only when given', async () => {
    const mock = imageServer()
    const glance = mockClient(mock)
    await glance.images.locations.add('img-1', 'http://127.0.0.1/d', { validationData: {} })
    await glance.images.locations.add('img-1', 'http://127.0.0.1/e', { validationData: { os_hash_algo: 'sha512', os_hash_value: 'ff' } })
    const bodies = mock.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body.toString()) as unknown)
    expect(bodies).toEqual([
      [{ op: 'add', path: '/locations/-', value: { url: 'http://127.0.0.1/d', metadata: {} } }],
      [{ op: 'add', path: '/locations/-', value: { url: 'http://127.0.0.1/e', metadata: {}, validation_data: { os_hash_algo: 'sha512', os_hash_value: 'ff' } } }],
    ])
  })
})

describe('images.locations.delete', () => {
  it('GETs the image, then removes by index, highest first', async () => {
    const mock = imageServer()
    await mockClient(mock).images.locations.delete('img-1', ['http://127.0.0.1/a', 'http://127.0.0.1/c', 'http://127.0.0.1/a'])
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/v2/images/img-1`, `PATCH ${base}/v2/images/img-1`])
    expect(patchOf(mock.requests)).toEqual([
      { op: 'remove', path: '/locations/2' },
      { op: 'remove', path: '/locations/0' },
    ])
  })

  it('an unknown URL removes nothing and names every unknown URL', async () => {
    const mock = imageServer()
    const failure = mockClient(mock).images.locations.delete('img-1', ['http://127.0.0.1/a', 'http://nope/1', 'http://nope/2'])
    await expect(failure).rejects.toBeInstanceOf(UnknownLocationError)
    await expect(failure).rejects.toBeInstanceOf(ValidationError)
    await expect(failure).rejects.toMatchObject({ urls: ['http://nope/1', 'http://nope/2'] })
    expect(mock.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('refuses when the cloud hides locations (no locations key)', async () => {
    const mock = imageServer(image({ locations: undefined }))
    const failure = mockClient(mock).images.locations.delete('img-1', ['http://127.0.0.1/a'])
    await expect(failure).rejects.toBeInstanceOf(LocationsHiddenError)
    await expect(failure).rejects.toThrow('The administrator has disabled API access to image locations')
    expect(mock.requests.map((r) => r.method)).toEqual(['GET'])
  })
})

describe('images.locations.update', () => {
  it("replaces the whole list with the one location's metadata changed", async () => {
    const mock = imageServer()
    const updated = await mockClient(mock).images.locations.update('img-1', 'http://127.0.0.1/b', { store: 'web', x: 1 })
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/v2/images/img-1`, `PATCH ${base}/v2/images/img-1`, `GET ${base}/v2/images/img-1`])
    expect(updated.name).toBe('patched')
    expect(patchOf(mock.requests)).toEqual([
      {
        op: 'replace',
        path: '/locations',
        value: [locations[0], { url: 'http://127.0.0.1/b', metadata: { store: 'web', x: 1 } }, locations[2]],
      },
    ])
  })

  it('sends no PATCH when the metadata is already the same (key order aside)', async () => {
    const shown = image({ locations: [{ url: 'http://127.0.0.1/a', metadata: { a: 1, b: [1, { c: 2 }] } }] })
    const mock = imageServer(shown)
    const result = await mockClient(mock).images.locations.update('img-1', 'http://127.0.0.1/a', { b: [1, { c: 2 }], a: 1 })
    expect(mock.requests.map((r) => r.method)).toEqual(['GET'])
    expect(result).toEqual(shown)
  })

  it('an unknown URL throws UnknownLocationError before any PATCH', async () => {
    const mock = imageServer()
    await expect(mockClient(mock).images.locations.update('img-1', 'http://nope/1', {})).rejects.toMatchObject({ urls: ['http://nope/1'] })
    expect(mock.requests.map((r) => r.method)).toEqual(['GET'])
  })
})
