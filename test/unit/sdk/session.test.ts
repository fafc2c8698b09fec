import { describe, expect, it, vi } from 'vitest'
import { http, HttpResponse } from 'msw'
import { generateKeyPair, SignJWT } from 'jose'
import { Readable } from 'node:stream'
import { Session } from '../../../src/sdk/session.js'
import { tokenCacheKey, type TokenCache } from '../../../src/sdk/auth/token-cache.js'
import type { AuthFields, AuthOptions, KeystoneToken } from '../../../src/sdk/auth/types.js'
import { AuthenticationError, AuthRequiredError, ConfigurationError, HTTPUnauthorized, TokenExpiredError, UnscopedTokenError } from '../../../src/sdk/errors.js'
import { keystoneTokenResponse } from '../../support/keystone-token.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000/v3'
const glance = 'http://glance.test:9292'
const auth = { authUrl: keystone, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' }

/** Keystone issuing token-1, token-2, ... each valid for `lifetimeMs`. */
function keystoneHandler(lifetimeMs: number) {
  let issued = 0
  const handler = http.post(`${keystone}/auth/tokens`, () => {
    issued++
    return keystoneTokenResponse(glance, `token-${issued}`, lifetimeMs)
  })
  return { handler, issued: () => issued }
}

/** Glance accepting only the tokens in `valid`. */
function glanceHandler(valid: Set<string>) {
  return http.all(`${glance}/v2/*`, async ({ request }) => {
    await request.arrayBuffer()
    return valid.has(request.headers.get('x-auth-token') ?? '') ? HttpResponse.json({ ok: true }) : new HttpResponse('no', { status: 401 })
  })
}

describe('Session tokens', () => {
  it('authenticates once for many requests', async () => {
    const ks = keystoneHandler(3_600_000)
    const session = new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1']))).dispatcher, auth })
    await Promise.all([1, 2, 3].map(() => session.request({ method: 'GET', path: '/v2/images', expect: [200] }).then((r) => r.dump())))
    expect(ks.issued()).toBe(1)
  })

  it('re-authenticates once and replays when Glance rejects the token', async () => {
    const ks = keystoneHandler(3_600_000)
    const mock = createMockDispatcher(ks.handler, glanceHandler(new Set(['token-2'])))
    const session = new Session({ dispatcher: mock.dispatcher, auth })
    const res = await session.request({ method: 'PUT', path: '/v2/images/x/file', body: Buffer.from('data'), expect: [200] })
    expect(await res.json()).toEqual({ ok: true })
    expect(ks.issued()).toBe(2)
    expect(mock.requests.filter((r) => r.url.includes('/file')).map((r) => r.body.toString())).toEqual(['data', 'data'])
  })

  it('does not loop: a second 401 is the answer', async () => {
    const ks = keystoneHandler(3_600_000)
    const session = new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set())).dispatcher, auth })
    await expect(session.request({ method: 'GET', path: '/v2/images', expect: [200] })).rejects.toBeInstanceOf(HTTPUnauthorized)
    expect(ks.issued()).toBe(2)
  })

  it('does not replay a stream body after a 401', async () => {
    const ks = keystoneHandler(3_600_000)
    const session = new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set(['token-2']))).dispatcher, auth })
    const body = Readable.from([Buffer.from('pipe')])
    await expect(session.request({ method: 'PUT', path: '/v2/images/x/file', body, expect: [200] })).rejects.toBeInstanceOf(HTTPUnauthorized)
    expect(ks.issued()).toBe(1)
  })

  it('refreshes a token that expires within two minutes before using it again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const ks = keystoneHandler(10 * 60_000)
      const session = new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1', 'token-2']))).dispatcher, auth })
      await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
      vi.setSystemTime(Date.now() + 7 * 60_000)
      await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
      expect(ks.issued()).toBe(1)
      vi.setSystemTime(Date.now() + 2 * 60_000)
      await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
      expect(ks.issued()).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('uses a token that lives less than four minutes for the first half of its life', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const ks = keystoneHandler(60_000)
      const session = new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1', 'token-2']))).dispatcher, auth })
      const get = async () => (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
      await get()
      vi.setSystemTime(Date.now() + 29_000)
      await Promise.all([get(), get()])
      expect(ks.issued()).toBe(1)
      vi.setSystemTime(Date.now() + 2_000)
      await Promise.all([get(), get(), get()])
      expect(ks.issued()).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('never re-authenticates a bare token used with a fixed endpoint', async () => {
    const mock = createMockDispatcher(glanceHandler(new Set()))
    const session = new Session({ dispatcher: mock.dispatcher, auth: { token: 'given' }, endpoint: glance })
    await expect(session.request({ method: 'GET', path: '/v2/images', expect: [200] })).rejects.toBeInstanceOf(HTTPUnauthorized)
    expect(mock.requests).toHaveLength(1)
  })
})

describe('Session with a token and a fixed endpoint', () => {
  it('sends the token without Keystone even when password credentials are also configured', async () => {
    const mock = createMockDispatcher(glanceHandler(new Set(['given'])))
    const session = new Session({ dispatcher: mock.dispatcher, auth: { ...auth, authType: 'password', token: 'given' } as AuthFields as AuthOptions, endpoint: glance })
    await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
    expect(mock.requests.map((r) => r.url)).toEqual([`${glance}/v2/images`])
  })
})

describe('Session with auth type none', () => {
  /** A Glance that runs without authentication (noauth paste pipeline). */
  const openGlance = http.get(`${glance}/v2/images`, () => HttpResponse.json({ images: [{ id: 'i1' }] }))

  it('sends no X-Auth-Token and never asks Keystone', async () => {
    const mock = createMockDispatcher(openGlance)
    const session = new Session({ dispatcher: mock.dispatcher, auth: { authType: 'none', password: 'unused' } as AuthFields as AuthOptions, endpoint: `${glance}/v2` })
    const res = await session.request({ method: 'GET', path: '/v2/images', expect: [200] })
    expect(await res.json()).toEqual({ images: [{ id: 'i1' }] })
    expect(mock.requests.map((r) => r.url)).toEqual([`${glance}/v2/images`])
    expect(mock.requests[0].headers).not.toHaveProperty('x-auth-token')
  })

  it('explains a 401 from a Glance that requires authentication', async () => {
    const mock = createMockDispatcher(glanceHandler(new Set(['any'])))
    const session = new Session({ dispatcher: mock.dispatcher, auth: { authType: 'none' }, endpoint: glance })
    const err = await session.request({ method: 'GET', path: '/v2/images', expect: [200] }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(AuthRequiredError)
    expect(err).toBeInstanceOf(AuthenticationError)
    expect((err as Error).cause).toBeInstanceOf(HTTPUnauthorized)
    expect(mock.requests).toHaveLength(1)
  })
})

describe('Session with a fixed endpoint that is not an http(s) URL', () => {
  it.each(['not-a-url', 'ftp://glance.test/', 'glance.test:9292'])('%s is refused, naming the setting, before any request', async (endpoint) => {
    const mock = createMockDispatcher()
    const session = new Session({ dispatcher: mock.dispatcher, auth: { token: 'given' }, endpoint })
    const err = await session.request({ method: 'GET', path: '/v2/images', expect: [200] }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(ConfigurationError)
    expect((err as Error).message).toBe(`Invalid image URL: ${endpoint} (expected http://host[:port] or https://host[:port])`)
    expect(mock.requests).toHaveLength(0)
  })
})

describe('Session with an unscoped token', () => {
  it('names the missing project scope instead of an empty catalog', async () => {
    const unscoped = http.post(`${keystone}/auth/tokens`, () =>
      HttpResponse.json({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'u1' } } }, { status: 201, headers: { 'x-subject-token': 't' } }),
    )
    const session = new Session({ dispatcher: createMockDispatcher(unscoped).dispatcher, auth: { authUrl: keystone, token: 'given' } })
    const err = await session.request({ method: 'GET', path: '/v2/images', expect: [200] }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(UnscopedTokenError)
    expect(err).toBeInstanceOf(ConfigurationError)
  })
})

/** A TokenCache in memory, recording what the session did with it. */
function memoryCache(): TokenCache & { entries: Map<string, KeystoneToken> } {
  const entries = new Map<string, KeystoneToken>()
  return {
    entries,
    read: async (key) => entries.get(key),
    write: async (key, token) => void entries.set(key, token),
    remove: async (key) => void entries.delete(key),
    describe: (key) => `memory:${key}`,
  }
}

describe('Session with a token cache', () => {
  const get = async (session: Session) => (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()

  it('a second session with the same identity makes no token request', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const dispatcher = createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1']))).dispatcher
    await get(new Session({ dispatcher, auth, tokenCache: cache }))
    await get(new Session({ dispatcher, auth, tokenCache: cache }))
    expect(ks.issued()).toBe(1)
    expect([...cache.entries.values()].map((t) => t.token)).toEqual(['token-1'])
  })

  it('a different password does not get the cached token', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const dispatcher = createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1', 'token-2']))).dispatcher
    await get(new Session({ dispatcher, auth, tokenCache: cache }))
    await get(new Session({ dispatcher, auth: { ...auth, password: 'other' }, tokenCache: cache }))
    expect(ks.issued()).toBe(2)
    expect(cache.entries.size).toBe(2)
  })

  it('a cached token Glance rejects is dropped and replaced after one re-authentication', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const key = tokenCacheKey(auth)!
    cache.entries.set(key, { token: 'revoked', expiresAt: new Date(Date.now() + 3_600_000), catalog: [{ type: 'image', endpoints: [{ interface: 'public', url: glance }] }], projectId: 'p1', roles: [] })
    const mock = createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1'])))
    await get(new Session({ dispatcher: mock.dispatcher, auth, tokenCache: cache }))
    expect(ks.issued()).toBe(1)
    expect(cache.entries.get(key)?.token).toBe('token-1')
    expect(mock.requests.map((r) => r.headers['x-auth-token']).filter(Boolean)).toEqual(['revoked', 'token-1'])
  })

  it('a cached token near its expiry is replaced before use', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const key = tokenCacheKey(auth)!
    cache.entries.set(key, { token: 'ending', expiresAt: new Date(Date.now() + 60_000), catalog: [], roles: [] })
    await get(new Session({ dispatcher: createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1']))).dispatcher, auth, tokenCache: cache }))
    expect(ks.issued()).toBe(1)
    expect(cache.entries.get(key)?.token).toBe('token-1')
  })

  it('a long upload does not start on a cached token that would expire during it', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const key = tokenCacheKey(auth)!
    const catalog = [{ type: 'image', endpoints: [{ interface: 'public', url: glance }] }]
    cache.entries.set(key, { token: 'short', expiresAt: new Date(Date.now() + 10 * 60_000), catalog, projectId: 'p1', roles: [] })
    const session = new Session({ dispatcher: createMockDispatcher(ks.handler).dispatcher, auth, tokenCache: cache })
    await session.ensureTokenOutlasts(30 * 60_000)
    expect((await session.token()).token).toBe('token-1')
    expect(cache.entries.get(key)?.token).toBe('token-1')
  })

  it('never stores a token the user passed, rescoped or used as is', async () => {
    const ks = keystoneHandler(3_600_000)
    const cache = memoryCache()
    const dispatcher = createMockDispatcher(ks.handler, glanceHandler(new Set(['token-1', 'given']))).dispatcher
    await get(new Session({ dispatcher, auth: { authUrl: keystone, token: 'given', projectId: 'p1' }, tokenCache: cache }))
    await get(new Session({ dispatcher, auth: { token: 'given' }, endpoint: glance, tokenCache: cache }))
    expect(cache.entries.size).toBe(0)
  })
})

describe('Session with a JWS token and a fixed endpoint', () => {
  async function jws(expiresInSeconds: number): Promise<string> {
    const { privateKey } = await generateKeyPair('ES256')
    return new SignJWT({ openstack_project_id: 'p1' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey)
  }

  it('sends an unexpired one as is', async () => {
    const token = await jws(3600)
    const mock = createMockDispatcher(glanceHandler(new Set([token])))
    const session = new Session({ dispatcher: mock.dispatcher, auth: { token }, endpoint: glance })
    await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
    expect(mock.requests).toHaveLength(1)
    expect(await session.token()).toMatchObject({ token, projectId: 'p1', userId: 'u1' })
  })

  it('refuses an expired one with its expiry, before any request', async () => {
    const token = await jws(-60)
    const mock = createMockDispatcher(glanceHandler(new Set([token])))
    const session = new Session({ dispatcher: mock.dispatcher, auth: { token }, endpoint: glance })
    const err = await session.request({ method: 'GET', path: '/v2/images', expect: [200] }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(TokenExpiredError)
    expect(err).toBeInstanceOf(AuthenticationError)
    expect((err as TokenExpiredError).expiresAt.getTime()).toBeLessThan(Date.now())
    expect((err as Error).message).toMatch(/^auth\.token expired at \d{4}-\d\d-\d\dT[\d:.]+Z$/)
    expect(mock.requests).toHaveLength(0)
  })
})
