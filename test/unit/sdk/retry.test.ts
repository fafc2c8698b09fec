import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { Readable } from 'node:stream'
import { mkdtempSync, writeFileSync, createReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../../src/sdk/transport/retry.js'
import { CommunicationError, HTTPServiceUnavailable } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const fast = { baseDelayMs: 1, maxDelayMs: 5 }

/** A handler answering `failures` times with `fail()`, then 200. */
function flaky(method: 'get' | 'put' | 'post', failures: number, fail: () => Response) {
  let calls = 0
  const handler = http[method](`${base}/x`, async ({ request }) => {
    calls++
    await request.arrayBuffer()
    return calls <= failures ? fail() : HttpResponse.json({ calls })
  })
  return { handler, calls: () => calls }
}

const unavailable = () => new HttpResponse('busy', { status: 503 })

describe('retry policy', () => {
  it('retries idempotent requests on 502/503/504 and succeeds', async () => {
    const f = flaky('get', 2, unavailable)
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: fast })
    const res = await t.send({ method: 'GET', url: `${base}/x`, expect: [200] })
    expect(await res.json()).toEqual({ calls: 3 })
  })

  it('gives up after the configured number of retries with the last error', async () => {
    const f = flaky('get', 10, unavailable)
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: { ...fast, retries: 2 } })
    await expect(t.send({ method: 'GET', url: `${base}/x`, expect: [200] })).rejects.toBeInstanceOf(HTTPServiceUnavailable)
    expect(f.calls()).toBe(3)
  })

  it('never retries a POST', async () => {
    const f = flaky('post', 1, unavailable)
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: fast })
    await expect(t.send({ method: 'POST', url: `${base}/x`, json: {}, expect: [200] })).rejects.toBeInstanceOf(HTTPServiceUnavailable)
    expect(f.calls()).toBe(1)
  })

  it('retries connection failures', async () => {
    const f = flaky('get', 1, () => HttpResponse.error())
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: fast })
    expect(await (await t.send({ method: 'GET', url: `${base}/x`, expect: [200] })).json()).toEqual({ calls: 2 })
  })

  it('honours Retry-After, and gives up when it would overrun the time budget', async () => {
    const f = flaky('get', 1, () => new HttpResponse('later', { status: 503, headers: { 'retry-after': '1' } }))
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: fast })
    const started = Date.now()
    await (await t.send({ method: 'GET', url: `${base}/x`, expect: [200] })).dump()
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)

    const g = flaky('get', 1, () => new HttpResponse('much later', { status: 503, headers: { 'retry-after': '3600' } }))
    const u = new HttpTransport({ dispatcher: createMockDispatcher(g.handler).dispatcher, retry: fast })
    await expect(u.send({ method: 'GET', url: `${base}/x`, expect: [200] })).rejects.toBeInstanceOf(HTTPServiceUnavailable)
    expect(g.calls()).toBe(1)
  })

  it('replays a file body by reopening it, but never a stream already consumed', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tsglance-retry-')), 'data')
    writeFileSync(path, 'image bytes')
    const bodies: string[] = []
    let calls = 0
    const handler = http.put(`${base}/x`, async ({ request }) => {
      bodies.push(await request.text())
      return ++calls === 1 ? unavailable() : new HttpResponse(null, { status: 204 })
    })
    const t = new HttpTransport({ dispatcher: createMockDispatcher(handler).dispatcher, retry: fast })
    await (await t.send({ method: 'PUT', url: `${base}/x`, body: () => createReadStream(path), expect: [204] })).dump()
    expect(bodies).toEqual(['image bytes', 'image bytes'])

    calls = 0
    bodies.length = 0
    const piped = t.send({ method: 'PUT', url: `${base}/x`, body: Readable.from([Buffer.from('pipe')]), expect: [204] })
    await expect(piped).rejects.toBeInstanceOf(HTTPServiceUnavailable)
    expect(bodies).toEqual(['pipe'])
  })

  it('stops waiting when the signal aborts', async () => {
    const f = flaky('get', 5, () => new HttpResponse('later', { status: 503, headers: { 'retry-after': '30' } }))
    const t = new HttpTransport({ dispatcher: createMockDispatcher(f.handler).dispatcher, retry: fast })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const err = await t.send({ method: 'GET', url: `${base}/x`, expect: [200], signal: controller.signal }).catch((e) => e)
    expect(err.message).toMatch(/aborted/i)
    expect(err).not.toBeInstanceOf(CommunicationError)
  })

  it('computes jittered exponential backoff and reads Retry-After forms', () => {
    expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(499)
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(2000)
    expect(backoffDelayMs(10, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(4000)
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs('Wed, 25 Nov 2026 15:00:10 GMT', Date.parse('Wed, 25 Nov 2026 15:00:00 GMT'))).toBe(10_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(undefined)).toBeUndefined()
  })
})
