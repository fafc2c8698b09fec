/**
 * The fault proxy the e2e fault suite relies on, checked against a local
 * origin: each fault does what it says, and only to the first K matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'undici'
import { FaultProxy } from '../../support/fault-proxy.js'

const payload = randomBytes(256 * 1024)
let origin: Server
let proxy: FaultProxy
const uploads: number[] = []
const agent = new Agent({ keepAliveTimeout: 1 })

beforeAll(async () => {
  origin = createServer((req, res) => {
    if (req.method === 'PUT') {
      let n = 0
      req.on('data', (c: Buffer) => (n += c.length))
      req.on('end', () => {
        uploads.push(n)
        res.writeHead(204).end()
      })
      return
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(payload.length) })
    res.end(payload)
  })
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve))
  proxy = await FaultProxy.start(`http://127.0.0.1:${(origin.address() as AddressInfo).port}`)
})
afterAll(async () => {
  await proxy.close()
  await agent.close()
  await new Promise((resolve) => origin.close(resolve))
})

const get = (path = '/data', headers: Record<string, string> = {}) => request(`${proxy.url}${path}`, { dispatcher: agent, headers })

describe('FaultProxy', () => {
  it('forwards untouched when no rule matches, and records without secrets', async () => {
    proxy.setRules({ path: /^\/other/, fault: { kind: 'status', status: 500 } })
    const res = await get('/data', { 'X-Auth-Token': 'secret-token', 'X-Trace': 'kept' })
    expect(Buffer.from(await res.body.arrayBuffer()).equals(payload)).toBe(true)
    expect(proxy.requests).toHaveLength(1)
    expect(proxy.requests[0]).toMatchObject({ method: 'GET', path: '/data', status: 200, responseBytes: payload.length })
    expect(proxy.requests[0].headers['x-trace']).toBe('kept')
    expect(proxy.requests[0].headers['x-auth-token']).toBeUndefined()
  })

  it('answers an injected status with Retry-After to the first K matches only', async () => {
    proxy.setRules({ method: 'GET', path: /^\/data$/, times: 2, fault: { kind: 'status', status: 503, retryAfter: '1' } })
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const res = await get()
      statuses.push([res.statusCode, res.headers['retry-after']])
      await res.body.dump()
    }
    expect(statuses).toEqual([
      [503, '1'],
      [503, '1'],
      [200, undefined],
    ])
  })

  it('flips exactly one byte at the given offset', async () => {
    proxy.setRules({ path: /^\/data$/, fault: { kind: 'flip-byte', offset: 100_000 } })
    const body = Buffer.from(await (await get()).body.arrayBuffer())
    const differing = [...body.keys()].filter((i) => body[i] !== payload[i])
    expect(differing).toEqual([100_000])
    expect(body[100_000]).toBe(payload[100_000] ^ 0xff)
  })

  for (const kind of ['truncate', 'reset-response'] as const) {
    it(`${kind}: the client gets the headers, N bytes, then a broken body`, async () => {
      proxy.setRules({ path: /^\/data$/, fault: { kind, afterBytes: 70_000 } })
      const res = await get()
      expect(res.headers['content-length']).toBe(String(payload.length))
      let received = 0
      const error = await (async () => {
        for await (const chunk of res.body) received += (chunk as Buffer).length
      })().catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect(received).toBe(70_000)
      expect(proxy.requests[0].responseBytes).toBe(70_000)
    })
  }

  it('resets an upload after N bytes of its body', async () => {
    proxy.setRules({ method: 'PUT', path: /^\/up$/, fault: { kind: 'reset-request', afterBytes: 64 * 1024 } })
    const error = await request(`${proxy.url}/up`, { method: 'PUT', body: payload, dispatcher: agent }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(proxy.requests[0].fault).toBe('reset-request')
    expect(proxy.requests[0].requestBytes).toBeGreaterThanOrEqual(64 * 1024)
    expect(proxy.requests[0].requestBytes).toBeLessThan(payload.length)
  })

  it('stalls: the request is seen but never answered', async () => {
    proxy.setRules({ path: /^\/data$/, fault: { kind: 'stall' } })
    const error = await request(`${proxy.url}/data`, { dispatcher: agent, headersTimeout: 300 }).catch((e: Error) => e)
    expect((error as { code?: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT')
    expect(proxy.requests[0].fault).toBe('stall')
    expect(proxy.requests[0].status).toBeUndefined()
  })
})
