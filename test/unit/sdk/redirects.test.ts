/**
 * Redirects against two real local servers on different ports: the token
 * follows a redirect within its origin, never one to another origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { Session } from '../../../src/sdk/session.js'
import { CommunicationError, HttpError } from '../../../src/sdk/errors.js'

interface Seen {
  server: 'glance' | 'elsewhere'
  method: string
  path: string
  headers: IncomingMessage['headers']
}

const seen: Seen[] = []
let glance: Server
let elsewhere: Server
let glanceUrl: string
let elsewhereUrl: string

/** A server that records each request, answers `/redirect/<status>?to=<url>` with that redirect and `/loop` with one to itself. */
function recordingServer(name: Seen['server']): Server {
  return createServer((req, res) => {
    seen.push({ server: name, method: req.method!, path: req.url!, headers: req.headers })
    req.resume()
    const url = new URL(req.url!, 'http://x')
    if (url.pathname === '/loop') {
      res.writeHead(302, { Location: '/loop' })
      res.end()
      return
    }
    const redirect = /^\/redirect\/(\d+)$/.exec(url.pathname)
    if (redirect) {
      res.writeHead(Number(redirect[1]), url.searchParams.has('to') ? { Location: url.searchParams.get('to')! } : {})
      res.end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ from: name }))
  })
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))

beforeAll(async () => {
  glance = recordingServer('glance')
  elsewhere = recordingServer('elsewhere')
  glanceUrl = await listen(glance)
  elsewhereUrl = await listen(elsewhere)
})
afterAll(() => {
  glance.close()
  elsewhere.close()
})

const redirectUrl = (status: number, to?: string) => `${glanceUrl}/redirect/${status}${to === undefined ? '' : `?to=${encodeURIComponent(to)}`}`
const TOKEN = 'secret-token-for-glance'

async function get(url: string, headers: Record<string, string> = { 'X-Auth-Token': TOKEN }, method: 'GET' | 'HEAD' | 'PUT' = 'GET') {
  seen.length = 0
  const transport = new HttpTransport()
  try {
    const res = await transport.send({ method, url, headers, body: method === 'PUT' ? 'data' : undefined, expect: [200] })
    return method === 'HEAD' ? res.dump() : res.json<{ from: string }>()
  } finally {
    await transport.close()
  }
}

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows a same-origin %i and sends the token again', async (status) => {
    expect(await get(redirectUrl(status, '/v2/images'))).toEqual({ from: 'glance' })
    expect(seen.map((s) => [s.server, s.path, s.headers['x-auth-token']])).toEqual([
      ['glance', expect.stringMatching(/^\/redirect\//), TOKEN],
      ['glance', '/v2/images', TOKEN],
    ])
  })

  it.each([302, 307])('follows a %i to another port without X-Auth-Token', async (status) => {
    expect(await get(redirectUrl(status, `${elsewhereUrl}/data`))).toEqual({ from: 'elsewhere' })
    expect(seen.map((s) => s.server)).toEqual(['glance', 'elsewhere'])
    expect(seen[0].headers['x-auth-token']).toBe(TOKEN)
    expect(seen[1].headers).not.toHaveProperty('x-auth-token')
  })

  it('drops every credential header on the way to another origin, keeps the others', async () => {
    await get(redirectUrl(302, `${elsewhereUrl}/data`), {
      'X-Auth-Token': TOKEN,
      'X-Service-Token': 'service-secret',
      Authorization: 'Bearer secret',
      'X-Request-Marker': 'kept',
    })
    const { headers } = seen[1]
    expect(headers).not.toHaveProperty('x-auth-token')
    expect(headers).not.toHaveProperty('x-service-token')
    expect(headers).not.toHaveProperty('authorization')
    expect(headers['x-request-marker']).toBe('kept')
  })

  it('does not send the token back to Glance after a hop through another origin', async () => {
    const backToGlance = `${elsewhereUrl}/redirect/302?to=${encodeURIComponent(`${glanceUrl}/v2/images`)}`
    expect(await get(redirectUrl(302, backToGlance))).toEqual({ from: 'glance' })
    expect(seen.map((s) => [s.server, s.headers['x-auth-token']])).toEqual([
      ['glance', TOKEN],
      ['elsewhere', undefined],
      ['glance', undefined],
    ])
  })

  it('follows HEAD redirects the same way', async () => {
    await get(redirectUrl(302, `${elsewhereUrl}/data`), { 'X-Auth-Token': TOKEN }, 'HEAD')
    expect(seen.map((s) => [s.server, s.method, s.headers['x-auth-token']])).toEqual([
      ['glance', 'HEAD', TOKEN],
      ['elsewhere', 'HEAD', undefined],
    ])
  })

  it('does not follow the redirect of a request with a body: the 3xx is a typed error', async () => {
    const err = await get(redirectUrl(307, `${elsewhereUrl}/data`), { 'X-Auth-Token': TOKEN }, 'PUT').catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.status).toBe(307)
    expect(seen.map((s) => s.server)).toEqual(['glance'])
  })

  it('stops a redirect loop with a clear error', async () => {
    const loop = await get(`${glanceUrl}/loop`).catch((e) => e)
    expect(loop).toBeInstanceOf(CommunicationError)
    expect(loop.message).toMatch(/^Too many redirects \(more than 5\) for GET /)
    expect(seen).toHaveLength(6)
  })

  it('refuses a redirect without a Location and one to another scheme', async () => {
    const missing = await get(redirectUrl(302)).catch((e) => e)
    expect(missing).toBeInstanceOf(CommunicationError)
    expect(missing.message).toMatch(/^Redirect \(HTTP 302\) without a Location/)
    const file = await get(redirectUrl(302, 'file:///etc/passwd')).catch((e) => e)
    expect(file).toBeInstanceOf(CommunicationError)
    expect(file.message).toMatch(/^Refusing to follow a redirect .* to file: URL$/)
  })

  it('a session never lets its token leave the Glance origin', async () => {
    seen.length = 0
    const session = new Session({ auth: { token: TOKEN }, endpoint: glanceUrl })
    try {
      const res = await session.request({ method: 'GET', path: `/redirect/302?to=${encodeURIComponent(`${elsewhereUrl}/data`)}`, expect: [200] })
      expect(await res.json()).toEqual({ from: 'elsewhere' })
    } finally {
      await session.close()
    }
    expect(seen.map((s) => [s.server, s.headers['x-auth-token']])).toEqual([
      ['glance', TOKEN],
      ['elsewhere', undefined],
    ])
  })
})
