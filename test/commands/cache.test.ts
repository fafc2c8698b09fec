/** The image cache (API 2.14): cache-list, cache-queue, cache-delete, cache-clear. */
import { readFileSync } from 'node:fs'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, line, ok, useHarness } from '../support/command-harness.js'
import { versionsHandler } from './support/fixtures.js'

const h = useHarness('cache')

const golden = JSON.parse(readFileSync(new URL('../golden/cases.json', import.meta.url), 'utf8')) as { name: string; listing?: unknown }[]

describe('cache-list', () => {
  it("prints cached then queued images in glance's centred table", async () => {
    const listing = golden.find((c) => c.name === 'cache_cached_and_queued')!.listing
    h.use(versionsHandler(), http.get(`${GLANCE}/v2/cache`, () => ok(listing)))
    const r = await h.run(['cache-list'])
    expect(r.requests.map(line)).toEqual(['GET /versions', 'GET /v2/cache'])
    expect(r.stdout).toBe(readFileSync(new URL('../golden/cache_cached_and_queued.txt', import.meta.url), 'utf8'))
  })

  it('a Glance older than 2.14: glance\'s HTTP line', async () => {
    h.use(http.get(`${GLANCE}/versions`, () => ok({ versions: [{ id: 'v2.9', status: 'CURRENT', links: [] }] })))
    const r = await h.run(['cache-list'])
    expect(r.requests.map(line)).toEqual(['GET /versions'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('HTTP Glance does not support image caching API (v2.14)\n')
  })
})

describe('cache-queue / cache-delete', () => {
  it('cache-queue PUTs each image and goes on past failures, exit 0', async () => {
    h.use(
      versionsHandler(),
      http.put(`${GLANCE}/v2/cache/ok`, () => new HttpResponse(null, { status: 202 })),
      http.put(`${GLANCE}/v2/cache/denied`, () => glanceError(403, 'Forbidden', 'Access was denied to this resource.')),
    )
    const r = await h.run(['cache-queue', 'ok', 'denied'])
    expect(r.requests.map(line)).toEqual(['GET /versions', 'PUT /v2/cache/ok', 'PUT /v2/cache/denied'])
    expect([r.stderr, r.code]).toEqual(["You are not permitted to queue the image 'denied' for caching.\n", 0])
  })

  it('cache-delete DELETEs each image; other failures are quoted', async () => {
    h.use(
      versionsHandler(),
      http.delete(`${GLANCE}/v2/cache/ok`, () => new HttpResponse(null, { status: 204 })),
      http.delete(`${GLANCE}/v2/cache/gone`, () => glanceError(404, 'Not Found', 'Image gone not found in cache')),
    )
    const r = await h.run(['cache-delete', 'ok', 'gone'])
    expect(r.requests.map(line)).toEqual(['GET /versions', 'DELETE /v2/cache/ok', 'DELETE /v2/cache/gone'])
    expect([r.stderr, r.code]).toEqual(["'HTTP 404 Not Found: Image gone not found in cache': Unable to delete image 'gone' from cache.\n", 0])
  })
})

describe('cache-clear', () => {
  it('--target cache sends x-image-cache-clear-target', async () => {
    h.use(versionsHandler(), http.delete(`${GLANCE}/v2/cache`, () => new HttpResponse(null, { status: 204 })))
    const r = await h.run(['cache-clear', '--target', 'cache'])
    expect(r.requests.map(line)).toEqual(['GET /versions', 'DELETE /v2/cache'])
    expect(r.requests[1].headers['x-image-cache-clear-target']).toBe('cache')
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('refused: reported, exit 0 as in glance', async () => {
    h.use(versionsHandler(), http.delete(`${GLANCE}/v2/cache`, () => glanceError(403, 'Forbidden', 'Access was denied to this resource.')))
    const r = await h.run(['cache-clear'])
    expect([r.stderr, r.code]).toEqual(['You are not permitted to delete image(s) from cache.\n', 0])
  })
})
