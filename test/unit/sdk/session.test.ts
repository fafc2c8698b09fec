import { describe, expect, it, vi } from 'vitest'
import { http, HttpResponse } from 'msw'
import { Readable } from 'node:stream'
import { Session } from '../../../src/sdk/session.js'
import { HTTPUnauthorized } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000/v3'
const glance = 'http://glance.test:9292'
const auth = { authUrl: keystone, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' }

/** Keystone issuing token-1, token-2, ... each valid for `lifetimeMs`. */
function keystoneHandler(lifetimeMs: number) {
  let issued = 0
  const handler = http.post(`${keystone}/auth/tokens`, () => {
    issued++
    return HttpResponse.json(
      {
        token: {
          expires_at: new Date(Date.now() + lifetimeMs).toISOString(),
          catalog: [{ type: 'image', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: glance }] }],
          project: { id: 'p1' },
          user: { id: 'u1' },
          roles: [],
        },
      },
      { status: 201, headers: { 'x-subject-token': `token-${issued}` } },
    )
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
    const session = new Session({ dispatcher: mock.dispatcher, auth: { ...auth, authType: 'password', token: 'given' }, endpoint: glance })
    await (await session.request({ method: 'GET', path: '/v2/images', expect: [200] })).dump()
    expect(mock.requests.map((r) => r.url)).toEqual([`${glance}/v2/images`])
  })
})
