import { describe, expect, it } from 'vitest'
import { findEndpoint, normaliseInterface } from '../../../src/sdk/auth/catalog.js'
import type { CatalogService } from '../../../src/sdk/auth/types.js'
import { EndpointNotFound } from '../../../src/sdk/errors.js'

const catalog: CatalogService[] = [
  {
    type: 'identity',
    endpoints: [{ interface: 'public', region_id: 'RegionOne', url: 'http://keystone.test:5000/v3' }],
  },
  {
    type: 'image',
    name: 'glance',
    endpoints: [
      { interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://one.public:9292' },
      { interface: 'internal', region_id: 'RegionOne', region: 'RegionOne', url: 'http://one.internal:9292' },
      { interface: 'admin', region_id: 'RegionOne', region: 'RegionOne', url: 'http://one.admin:9292' },
      { interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: 'http://two.public:9292' },
      // Pre-v3.2 catalogs name the region only in `region`.
      { interface: 'public', region: 'Legacy', url: 'http://legacy.public:9292' },
    ],
  },
]

describe('findEndpoint', () => {
  it('defaults to the first public endpoint of the service type', () => {
    expect(findEndpoint(catalog, { serviceType: 'image' })).toBe('http://one.public:9292')
  })

  it('selects by interface, accepting v2 spellings', () => {
    expect(findEndpoint(catalog, { serviceType: 'image', interface: 'internal' })).toBe('http://one.internal:9292')
    expect(findEndpoint(catalog, { serviceType: 'image', interface: 'adminURL' })).toBe('http://one.admin:9292')
    expect(findEndpoint(catalog, { serviceType: 'image', interface: 'publicURL' })).toBe('http://one.public:9292')
  })

  it('selects by region id, or by the legacy region field', () => {
    expect(findEndpoint(catalog, { serviceType: 'image', regionName: 'RegionTwo' })).toBe('http://two.public:9292')
    expect(findEndpoint(catalog, { serviceType: 'image', regionName: 'Legacy' })).toBe('http://legacy.public:9292')
  })

  it('throws EndpointNotFound with keystoneauth wording', () => {
    expect(() => findEndpoint(catalog, { serviceType: 'image', regionName: 'Nowhere' })).toThrow(
      new EndpointNotFound('public endpoint for image service in Nowhere region not found'),
    )
    expect(() => findEndpoint(catalog, { serviceType: 'nothing', interface: 'internalURL' })).toThrow(
      'internalURL endpoint for nothing service not found',
    )
    expect(() => findEndpoint(catalog, { serviceType: 'identity', interface: 'admin' })).toThrow(EndpointNotFound)
    expect(() => findEndpoint([], { serviceType: 'image' })).toThrow('The service catalog is empty.')
  })
})

describe('normaliseInterface', () => {
  it('strips the v2 URL suffix only', () => {
    expect(['publicURL', 'internalURL', 'adminURL', 'public', 'internal'].map(normaliseInterface)).toEqual([
      'public',
      'internal',
      'admin',
      'public',
      'internal',
    ])
  })
})
