/**
 * Before an upload, the SDK renews a token that would expire before the
 * upload could finish at the assumed floor rate; a token with time to spare
 * is kept, and a bare token is never renewed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { UPLOAD_FLOOR_BYTES_PER_SECOND } from '../../../src/sdk/images/images.js'
import type { AuthOptions } from '../../../src/sdk/auth/types.js'
import { keystoneTokenResponse } from '../../support/keystone-token.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000/v3'
const glance = 'http://glance.test:9292'
const password: AuthOptions = { authUrl: keystone, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' }
const TOKEN_LIFETIME_MS = 60 * 60_000
/** keystoneauth's refresh margin, which the session always keeps. */
const MARGIN_MS = 120_000
/** Takes 3 s at the floor rate. */
const image = Buffer.alloc(3 * UPLOAD_FLOOR_BYTES_PER_SECOND, 7)
const UPLOAD_ESTIMATE_MS = 3_000

function setup(auth: AuthOptions, endpoint?: string) {
  let issued = 0
  const mock = createMockDispatcher(
    http.post(`${keystone}/auth/tokens`, () => {
      issued++
      return keystoneTokenResponse(glance, `token-${issued}`, TOKEN_LIFETIME_MS)
    }),
    http.put(`${glance}/v2/images/:id/file`, () => new HttpResponse(null, { status: 204 })),
    http.put(`${glance}/v2/images/:id/stage`, () => new HttpResponse(null, { status: 204 })),
  )
  const client = new GlanceClient({ dispatcher: mock.dispatcher, auth, endpoint })
  const putTokens = () => mock.requests.filter((r) => r.method === 'PUT').map((r) => r.headers['x-auth-token'])
  return { client, issued: () => issued, putTokens }
}

/** Let the clock run to `leftMs` before the session's first token expires. */
function advanceUntilTokenHas(leftMs: number, issuedAt: number): void {
  vi.setSystemTime(issuedAt + TOKEN_LIFETIME_MS - leftMs)
}

describe('token lifetime before an upload', () => {
  let start: number
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    start = Date.now()
  })
  afterEach(() => vi.useRealTimers())

  it('fetches a new token before the PUT when the upload could outlive the current one', async () => {
    const { client, issued, putTokens } = setup(password)
    await client.session.token()
    advanceUntilTokenHas(MARGIN_MS + UPLOAD_ESTIMATE_MS - 1_000, start)
    await client.images.upload('img', image)
    expect(issued()).toBe(2)
    expect(putTokens()).toEqual(['token-2'])
  })

  it('does the same before staging data', async () => {
    const { client, issued, putTokens } = setup(password)
    await client.session.token()
    advanceUntilTokenHas(MARGIN_MS + UPLOAD_ESTIMATE_MS - 1_000, start)
    await client.images.stage('img', image)
    expect(issued()).toBe(2)
    expect(putTokens()).toEqual(['token-2'])
  })

  it('keeps a token that outlasts the upload', async () => {
    const { client, issued, putTokens } = setup(password)
    await client.session.token()
    advanceUntilTokenHas(MARGIN_MS + UPLOAD_ESTIMATE_MS + 1_000, start)
    await client.images.upload('img', image)
    expect(issued()).toBe(1)
    expect(putTokens()).toEqual(['token-1'])
  })

  it('keeps a far-from-expiry token for a large upload whose size is given', async () => {
    const { client, issued, putTokens } = setup(password)
    await client.session.token()
    await client.images.upload('img', image, { size: image.length })
    expect(issued()).toBe(1)
    expect(putTokens()).toEqual(['token-1'])
  })

  it('does not renew a rescoped token: Keystone would keep its expiry', async () => {
    const { client, issued, putTokens } = setup({ authUrl: keystone, token: 'given', projectId: 'p1' })
    await client.session.token()
    advanceUntilTokenHas(MARGIN_MS + UPLOAD_ESTIMATE_MS - 1_000, start)
    await client.images.upload('img', image)
    expect(issued()).toBe(1)
    expect(putTokens()).toEqual(['token-1'])
  })

  it('never renews a bare token used with a fixed endpoint', async () => {
    const { client, issued, putTokens } = setup({ token: 'given' }, glance)
    await client.images.upload('img', image)
    expect(issued()).toBe(0)
    expect(putTokens()).toEqual(['given'])
  })
})
