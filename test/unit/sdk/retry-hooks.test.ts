/**
 * Per-request retry options, and the two callers that need them: Keystone
 * token requests (a POST that is safe to repeat) and image uploads retried
 * after a broken connection (wait while Glance still holds the image in
 * `saving`; a 409 to the retry is retried too, a 409 to the first PUT is not).
 */
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { authenticate } from '../../../src/sdk/auth/keystone.js'
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPConflict, HTTPServiceUnavailable } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const fast = { baseDelayMs: 1, maxDelayMs: 5 }

describe('per-request retry options', () => {
  it('retrySafe lets a POST be retried; without it a POST is sent once', async () => {
    let calls = 0
    const mock = createMockDispatcher(http.post(`${base}/x`, () => (++calls === 1 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.json({ calls }))))
    const t = new HttpTransport({ dispatcher: mock.dispatcher, retry: fast })
    expect(await (await t.send({ method: 'POST', url: `${base}/x`, json: {}, expect: [200], retrySafe: true })).json()).toEqual({ calls: 2 })
    calls = 0
    await expect(t.send({ method: 'POST', url: `${base}/x`, json: {}, expect: [200] })).rejects.toBeInstanceOf(HTTPServiceUnavailable)
    expect(calls).toBe(1)
  })

  it('alsoRetry is asked with the attempt number, and beforeRetry runs before each retry', async () => {
    const statuses = [409, 503, 409]
    let calls = 0
    const mock = createMockDispatcher(http.get(`${base}/x`, () => (calls < statuses.length ? new HttpResponse('no', { status: statuses[calls++] }) : HttpResponse.json({ ok: ++calls }))))
    const t = new HttpTransport({ dispatcher: mock.dispatcher, retry: fast })
    const asked: [number, number][] = []
    let waits = 0
    const req = {
      method: 'GET' as const,
      url: `${base}/x`,
      expect: [200],
      alsoRetry: (status: number, attempt: number) => (asked.push([status, attempt]), attempt > 0 && status === 409),
      beforeRetry: async () => void waits++,
    }
    // The first answer is a 409 to the first attempt: not retried.
    await expect(t.send(req)).rejects.toBeInstanceOf(HTTPConflict)
    expect(asked).toEqual([[409, 0]])
    expect(waits).toBe(0)
    // Then 503 (retried as ever), 409 to a retry (retried by alsoRetry), 200.
    asked.length = 0
    expect(await (await t.send(req)).json()).toEqual({ ok: 4 })
    expect(asked).toEqual([[409, 1]])
    expect(waits).toBe(2)
  })
})

describe('Keystone token requests', () => {
  it('are retried after a 503', async () => {
    let calls = 0
    const mock = createMockDispatcher(
      http.post('http://keystone.test/v3/auth/tokens', () =>
        ++calls === 1
          ? new HttpResponse('busy', { status: 503 })
          : HttpResponse.json({ token: { expires_at: '2099-01-01T00:00:00Z', catalog: [], roles: [], project: { id: 'p' } } }, { status: 201, headers: { 'x-subject-token': 'tok' } }),
      ),
    )
    const t = new HttpTransport({ dispatcher: mock.dispatcher, retry: fast })
    const token = await authenticate(t, { authUrl: 'http://keystone.test/v3', username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' })
    expect(token.token).toBe('tok')
    expect(calls).toBe(2)
  })
})

describe('images.upload retried after a broken connection', () => {
  it('waits while the image is saving, retries a 409 to the retry, and resends the whole file', async () => {
    const statuses = ['saving', 'saving', 'queued']
    const puts: number[] = []
    const answers = [() => HttpResponse.error(), () => new HttpResponse('<html>conflict</html>', { status: 409 }), () => new HttpResponse(null, { status: 204 })]
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json({ id: 'i1', status: statuses.shift() ?? 'queued' })),
      http.put(`${base}/v2/images/i1/file`, async ({ request }) => {
        puts.push((await request.arrayBuffer()).byteLength)
        return answers[puts.length - 1]()
      }),
    )
    const glance = new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' }, retry: fast })
    await glance.images.upload('i1', Buffer.alloc(5000, 1))
    expect(puts).toEqual([5000, 5000, 5000])
    // Between the PUTs: image status looked up until no longer saving.
    const order = mock.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)
    expect(order).toEqual([
      'PUT /v2/images/i1/file',
      'GET /v2/images/i1',
      'GET /v2/images/i1',
      'GET /v2/images/i1',
      'PUT /v2/images/i1/file',
      'GET /v2/images/i1',
      'PUT /v2/images/i1/file',
    ])
  })

  it('a 409 to the first PUT is the user\'s conflict, not retried', async () => {
    let puts = 0
    const mock = createMockDispatcher(http.put(`${base}/v2/images/i1/file`, () => (puts++, new HttpResponse('<html>conflict</html>', { status: 409 }))))
    const glance = new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' }, retry: fast })
    await expect(glance.images.upload('i1', Buffer.alloc(10))).rejects.toBeInstanceOf(HTTPConflict)
    expect(puts).toBe(1)
  })
})
