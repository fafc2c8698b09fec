import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HTTPForbidden, UnsupportedApiVersionError } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

/** A /versions document listing v2.0 up to v2.<newest>, the newest CURRENT. */
function versionsUpTo(newest: number) {
  const versions = Array.from({ length: newest + 1 }, (_, minor) => ({ id: `v2.${minor}`, status: minor === newest ? 'CURRENT' : 'SUPPORTED' }))
  return http.get(`${base}/versions`, () => HttpResponse.json({ versions: versions.reverse() }))
}

const cacheState = {
  cached_images: [{ image_id: 'img-1', hits: 3, last_accessed: 1795618580.092409, last_modified: 1795618575.3388813, size: 1000 }],
  queued_images: ['img-2'],
}

describe('cache', () => {
  it('list: checks /versions once, then GET /v2/cache', async () => {
    const mock = createMockDispatcher(versionsUpTo(16), http.get(`${base}/v2/cache`, () => HttpResponse.json(cacheState)))
    const glance = mockClient(mock)
    expect(await glance.cache.list()).toEqual(cacheState)
    expect(await glance.cache.list()).toEqual(cacheState)
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/versions`, `GET ${base}/v2/cache`, `GET ${base}/v2/cache`])
    expect(mock.requests.every((r) => r.headers['x-auth-token'] === 'tok')).toBe(true)
  })

  it('queue: PUT /v2/cache/{id} (202); delete: DELETE /v2/cache/{id} (204)', async () => {
    const mock = createMockDispatcher(
      versionsUpTo(14),
      http.put(`${base}/v2/cache/:id`, () => new HttpResponse(null, { status: 202 })),
      http.delete(`${base}/v2/cache/:id`, () => new HttpResponse(null, { status: 204 })),
    )
    const glance = mockClient(mock)
    await glance.cache.queue('img-1')
    await glance.cache.delete('img 2')
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/versions`, `PUT ${base}/v2/cache/img-1`, `DELETE ${base}/v2/cache/img%202`])
  })

  it('clear: DELETE /v2/cache, naming the target unless it is both', async () => {
    const mock = createMockDispatcher(versionsUpTo(16), http.delete(`${base}/v2/cache`, () => new HttpResponse(null, { status: 204 })))
    const glance = mockClient(mock)
    await glance.cache.clear()
    await glance.cache.clear('both')
    await glance.cache.clear('cache')
    await glance.cache.clear('queue')
    const clears = mock.requests.filter((r) => r.method === 'DELETE')
    expect(clears.map((r) => r.headers['x-image-cache-clear-target'])).toEqual([undefined, undefined, 'cache', 'queue'])
  })

  it('a server without v2.14 gets no cache request: UnsupportedApiVersionError naming what it needs and what is offered', async () => {
    const mock = createMockDispatcher(versionsUpTo(13))
    const glance = mockClient(mock)
    for (const call of [() => glance.cache.list(), () => glance.cache.queue('i'), () => glance.cache.delete('i'), () => glance.cache.clear('queue')]) {
      const failure = call()
      await expect(failure).rejects.toBeInstanceOf(UnsupportedApiVersionError)
      await expect(failure).rejects.toMatchObject({ version: 'v2.14', feature: 'image caching API', message: 'Glance does not support image caching API (v2.14)' })
    }
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/versions`])
  })

  it('a deprecated v2.14 does not count, as in glanceclient', async () => {
    const mock = createMockDispatcher(http.get(`${base}/versions`, () => HttpResponse.json({ versions: [{ id: 'v2.14', status: 'DEPRECATED' }] })))
    await expect(mockClient(mock).cache.list()).rejects.toMatchObject({ version: 'v2.14' })
  })

  it('a non-admin gets the policy refusal, typed', async () => {
    const mock = createMockDispatcher(
      versionsUpTo(16),
      http.get(
        `${base}/v2/cache`,
        () =>
          new HttpResponse('<html>\n <head>\n  <title>403 Forbidden</title>\n </head>\n <body>\n  <h1>403 Forbidden</h1>\n  You are not authorized to complete cache_list action.<br /><br />\n </body>\n</html>', {
            status: 403,
            headers: { 'content-type': 'text/html; charset=UTF-8' },
          }),
      ),
    )
    const failure = mockClient(mock).cache.list()
    await expect(failure).rejects.toBeInstanceOf(HTTPForbidden)
    await expect(failure).rejects.toThrow('HTTP 403 Forbidden: You are not authorized to complete cache_list action.')
  })
})
