import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HTTPNotFound } from '../../../src/sdk/errors.js'
import { isBaseProperty, isCoreProperty } from '../../../src/sdk/schemas/schemas.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

const imageSchema = { name: 'image', properties: { id: { description: 'An identifier' }, os_distro: { is_base: false } } }

describe('schemas', () => {
  it('GET /v2/schemas/<name> once per client, for nested names too', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/schemas/image`, () => HttpResponse.json(imageSchema)),
      http.get(`${base}/v2/schemas/metadefs/namespace`, () => HttpResponse.json({ name: 'namespace', properties: {} })),
    )
    const glance = mockClient(mock)
    const [first, second] = await Promise.all([glance.schemas.get('image'), glance.schemas.get('image')])
    expect(first).toEqual(imageSchema)
    expect(second).toBe(first)
    expect((await glance.schemas.get('metadefs/namespace')).name).toBe('namespace')
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/v2/schemas/image`, `GET ${base}/v2/schemas/metadefs/namespace`])
  })

  it('an unknown model is a typed 404, and is asked again next time', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/schemas/:name`, () => HttpResponse.json({}, { status: 404 })))
    const glance = mockClient(mock)
    await expect(glance.schemas.get('foo')).rejects.toBeInstanceOf(HTTPNotFound)
    await expect(glance.schemas.get('foo')).rejects.toBeInstanceOf(HTTPNotFound)
    expect(mock.requests).toHaveLength(2)
  })

  it('base and core properties as glanceclient defines them', () => {
    expect(isBaseProperty(imageSchema, 'id')).toBe(true)
    expect(isBaseProperty(imageSchema, 'os_distro')).toBe(false)
    expect(isCoreProperty(imageSchema, 'os_distro')).toBe(true)
    expect(isCoreProperty(imageSchema, 'color')).toBe(false)
  })
})
