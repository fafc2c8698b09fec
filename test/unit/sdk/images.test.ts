import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GlanceClient } from '../../../src/sdk/client.js'
import { buildImagePatch } from '../../../src/sdk/images/patch.js'
import { ChecksumMismatchError, ValidationError } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const clientFor = (mock: ReturnType<typeof createMockDispatcher>) =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' } })

function image(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: `img-${id}`, status: 'active', tags: [], ...extra }
}

describe('images.list', () => {
  it('follows next links and sends the token, the page size and glance default filters', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images`, ({ request }) => {
        const marker = new URL(request.url).searchParams.get('marker')
        if (!marker) return HttpResponse.json({ images: [image('a'), image('b')], next: '/v2/images?limit=2&marker=b' })
        if (marker === 'b') return HttpResponse.json({ images: [image('c')] })
        return HttpResponse.json({ images: [] })
      }),
    )
    const glance = clientFor(mock)
    const ids = (await glance.images.list({ pageSize: 2, sortKey: ['name'], sortDir: ['asc'], tags: ['x', 'y'] }).toArray()).map((i) => i.id)
    expect(ids).toEqual(['a', 'b', 'c'])
    // glanceclient's parameter order: filters, limit, tags, sort.
    expect(mock.requests.map((r) => r.url)).toEqual([
      `${base}/v2/images?limit=2&tag=x&tag=y&sort_key=name&sort_dir=asc`,
      `${base}/v2/images?limit=2&marker=b`,
    ])
    expect(mock.requests.every((r) => r.headers['x-auth-token'] === 'tok')).toBe(true)
  })

  it('sends every API filter in Glance\'s syntax, after the custom properties, and nothing for filters not given', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/images`, () => HttpResponse.json({ images: [] })))
    await clientFor(mock)
      .images.list({
        pageSize: 5,
        properties: { os_distro: 'debian' },
        name: 'cirros',
        ids: ['a', 'b'],
        status: 'active',
        protected: false,
        diskFormat: 'qcow2',
        containerFormat: 'bare',
        sizeMin: 1,
        sizeMax: 1024,
        createdAt: { op: 'gte', value: new Date(Date.UTC(2024, 0, 2)) },
        updatedAt: { op: 'lt', value: '2025-01-01T00:00:00Z' },
      })
      .toArray()
    expect([...new URL(mock.requests[0].url).searchParams]).toEqual([
      ['os_distro', 'debian'],
      ['name', 'cirros'],
      ['id', 'in:a,b'],
      ['status', 'active'],
      ['protected', 'false'],
      ['disk_format', 'qcow2'],
      ['container_format', 'bare'],
      ['size_min', '1'],
      ['size_max', '1024'],
      ['created_at', 'gte:2024-01-02T00:00:00.000Z'],
      ['updated_at', 'lt:2025-01-01T00:00:00Z'],
      ['limit', '5'],
    ])
  })

  it('lets an API filter win over a custom property of the same name', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/images`, () => HttpResponse.json({ images: [] })))
    await clientFor(mock).images.list({ properties: { name: 'prop' }, name: 'api' }).toArray()
    expect(new URL(mock.requests[0].url).searchParams.getAll('name')).toEqual(['api'])
  })

  it('stops at limit and asks for no more than limit on the first page', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images`, () => HttpResponse.json({ images: [image('a'), image('b'), image('c')], next: '/v2/images?marker=c' })),
    )
    const list = await clientFor(mock).images.list({ limit: 2 }).toArray()
    expect(list.map((i) => i.id)).toEqual(['a', 'b'])
    expect(mock.requests).toHaveLength(1)
    expect(new URL(mock.requests[0].url).searchParams.get('limit')).toBe('2')
  })

  it('validates sort like glanceclient before sending anything', () => {
    const mock = createMockDispatcher()
    const glance = clientFor(mock)
    expect(() => glance.images.list({ sort: 'bogus:asc' })).toThrow(ValidationError)
    expect(() => glance.images.list({ sort: 'name:up' })).toThrow('Invalid sort direction: up. It must be one of the following: asc, desc.')
    expect(() => glance.images.list({ sortKey: ['name'], sortDir: ['asc', 'desc'] })).toThrow('Unexpected number of sort directions')
    expect(mock.requests).toHaveLength(0)
  })
})

describe('buildImagePatch', () => {
  const isBase = (name: string) => ['name', 'min_disk', 'kernel_id'].includes(name)
  it('replaces absent base properties, adds custom ones, removes present ones, and sends tags whole', () => {
    const current = { id: 'x', name: 'old', min_disk: 0, foo: 'bar', gone: '1', tags: ['t'] }
    expect(buildImagePatch(current, { set: { name: 'new', kernel_id: 'k', custom: 'v', min_disk: 0 }, remove: ['gone', 'absent', 'custom'] }, isBase)).toEqual([
      { op: 'replace', path: '/name', value: 'new' },
      { op: 'replace', path: '/kernel_id', value: 'k' },
      { op: 'add', path: '/custom', value: 'v' },
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/tags', value: ['t'] },
    ])
  })
  it('escapes JSON pointer characters', () => {
    expect(buildImagePatch({}, { set: { 'a/b~c': '1' } }, () => false)).toEqual([{ op: 'add', path: '/a~1b~0c', value: '1' }])
  })
})

describe('images.update', () => {
  it('GETs schema and image, then PATCHes with the glance patch media type', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/schemas/image`, () => HttpResponse.json({ name: 'image', properties: { name: {}, os_distro: { is_base: false } } })),
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('i1', { name: 'a' }))),
      http.patch(`${base}/v2/images/i1`, async ({ request }) => HttpResponse.json(image('i1', { patched: await request.json() }))),
    )
    const updated = await clientFor(mock).images.update('i1', { set: { name: 'b', os_distro: 'debian' } })
    const patch = mock.requests.find((r) => r.method === 'PATCH')!
    expect(patch.headers['content-type']).toBe('application/openstack-images-v2.1-json-patch')
    expect((updated as unknown as { patched: unknown }).patched).toEqual([
      { op: 'replace', path: '/name', value: 'b' },
      { op: 'add', path: '/os_distro', value: 'debian' },
    ])
  })
})

describe('images.patch', () => {
  it('sends the operations as given, in one request, and returns the answer', async () => {
    const mock = createMockDispatcher(
      http.patch(`${base}/v2/images/i1`, async ({ request }) => HttpResponse.json(image('i1', { sent: await request.json() }))),
    )
    const ops = [
      { op: 'add', path: '/os_distro', value: 'debian' },
      { op: 'remove', path: '/hw_disk_bus' },
      { op: 'replace', path: '/tags', value: ['a', 'a'] },
    ] as const
    const answer = await clientFor(mock).images.patch('i1', ops)
    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH ${base}/v2/images/i1`])
    expect(mock.requests[0].headers['content-type']).toBe('application/openstack-images-v2.1-json-patch')
    expect((answer as unknown as { sent: unknown }).sent).toEqual(ops)
  })

  it('rejects with the signal\'s reason when aborted, sending nothing', async () => {
    const mock = createMockDispatcher(http.patch(`${base}/v2/images/i1`, () => HttpResponse.json(image('i1'))))
    const controller = new AbortController()
    controller.abort()
    await expect(clientFor(mock).images.patch('i1', [], { signal: controller.signal })).rejects.toBe(controller.signal.reason)
    expect(mock.requests).toEqual([])
  })
})

describe('image data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-unit-'))
  const data = Buffer.from('0123456789'.repeat(1000))
  const sha512 = createHash('sha512').update(data).digest('hex')
  const md5 = createHash('md5').update(data).digest('hex')

  it('uploads a file with Content-Length and x-openstack-image-size', async () => {
    const path = join(dir, 'up.img')
    writeFileSync(path, data)
    const mock = createMockDispatcher(http.put(`${base}/v2/images/i1/file`, () => new HttpResponse(null, { status: 204 })))
    const seen: number[] = []
    await clientFor(mock).images.upload('i1', { path }, { store: 'fast', onProgress: (p) => seen.push(p.transferred) })
    const put = mock.requests[0]
    expect(put.body.equals(data)).toBe(true)
    expect(put.headers['content-length']).toBe(String(data.length))
    expect(put.headers['x-openstack-image-size']).toBe(String(data.length))
    expect(put.headers['content-type']).toBe('application/octet-stream')
    expect(put.headers['x-image-meta-store']).toBe('fast')
    expect(seen.at(-1)).toBe(data.length)
  })

  const dataHandlers = (body: Buffer, meta: Record<string, unknown>) => [
    http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('i1', meta))),
    http.get(`${base}/v2/images/i1/file`, () => new HttpResponse(body, { headers: { 'content-length': String(body.length) } })),
  ]

  it('downloads to a file through a verified .part file', async () => {
    const mock = createMockDispatcher(...dataHandlers(data, { os_hash_algo: 'sha512', os_hash_value: sha512, checksum: md5 }))
    const target = join(dir, 'down.img')
    const result = await clientFor(mock).images.downloadToFile('i1', target)
    expect(result?.verifiedWith).toBe('sha512')
    expect(readFileSync(target).equals(data)).toBe(true)
    expect(existsSync(`${target}.part`)).toBe(false)
  })

  it('falls back to the md5 checksum when no multihash is recorded', async () => {
    const mock = createMockDispatcher(...dataHandlers(data, { checksum: md5 }))
    const result = await clientFor(mock).images.downloadToFile('i1', join(dir, 'md5.img'))
    expect(result?.verifiedWith).toBe('md5')
  })

  it('on a hash mismatch removes the part file and leaves an existing target untouched', async () => {
    const corrupt = Buffer.from(data)
    corrupt[5] ^= 0xff
    const mock = createMockDispatcher(...dataHandlers(corrupt, { os_hash_algo: 'sha512', os_hash_value: sha512 }))
    const target = join(dir, 'keep.img')
    writeFileSync(target, 'previous contents')
    const err = await clientFor(mock).images.downloadToFile('i1', target).catch((e) => e)
    expect(err).toBeInstanceOf(ChecksumMismatchError)
    expect(err.message).toMatch(/^Corrupt image download\. Hash was [0-9a-f]{128} expected [0-9a-f]{128}$/)
    expect(readFileSync(target, 'utf8')).toBe('previous contents')
    expect(existsSync(`${target}.part`)).toBe(false)
  })

  it('reports an image without data (204) as undefined', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('i1'))),
      http.get(`${base}/v2/images/i1/file`, () => new HttpResponse(null, { status: 204 })),
    )
    expect(await clientFor(mock).images.download('i1')).toBeUndefined()
  })
})
