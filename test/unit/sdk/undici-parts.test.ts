import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as undici from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnvHttpProxyAgent, errors, request } from '../../../src/sdk/transport/undici.js'

// The SDK loads undici's internal modules directly (start-up time); these
// tests fail if a future undici moves or changes them.
describe('undici parts loaded without the entry point', () => {
  const seen: IncomingMessage[] = []
  let origin = ''
  const server = createServer((req, res) => {
    seen.push(req)
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => res.end(JSON.stringify({ method: req.method, url: req.url, body })))
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('are the same classes the entry point exports', () => {
    expect(EnvHttpProxyAgent).toBe(undici.EnvHttpProxyAgent)
    expect(errors).toBe(undici.errors)
    expect(errors.ConnectTimeoutError.prototype).toBeInstanceOf(errors.UndiciError)
  })

  it('request sends method, path with query and body through the given dispatcher', async () => {
    const dispatcher = new EnvHttpProxyAgent()
    try {
      const res = await request(`${origin}/v2/images?limit=2&marker=x%20y`, { method: 'PUT', body: 'abc', dispatcher })
      expect(res.statusCode).toBe(200)
      expect(await res.body.json()).toEqual({ method: 'PUT', url: '/v2/images?limit=2&marker=x%20y', body: 'abc' })
    } finally {
      await dispatcher.close()
    }
  })

  it('request uses the dispatcher passed, never the global one', async () => {
    const calls: string[] = []
    const base = new undici.Agent()
    const counting = base.compose((dispatch) => (opts, handler) => {
      calls.push(`${opts.method} ${opts.path}`)
      return dispatch(opts, handler)
    })
    try {
      const res = await request(`${origin}/versions`, { method: 'GET', dispatcher: counting })
      await res.body.dump()
      expect(calls).toEqual(['GET /versions'])
    } finally {
      await base.close()
    }
  })
})
