import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { authenticate } from '../../../src/sdk/auth/keystone.js'
import { federationAuthUrl } from '../../../src/sdk/auth/oidc.js'
import type { AuthFields } from '../../../src/sdk/auth/types.js'
import { AuthenticationError, MissingCredentialError, type MissingCredential } from '../../../src/sdk/errors.js'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000'
const idp = 'http://idp.test'
const federationUrl = `${keystone}/v3/OS-FEDERATION/identity_providers/myidp/protocols/openid/auth`

const projectToken = {
  token: {
    expires_at: '2030-01-01T00:00:00.000000Z',
    project: { id: 'p1' },
    user: { id: 'fed-user' },
    roles: [{ name: 'member' }],
    catalog: [{ type: 'image', endpoints: [{ interface: 'public', url: 'http://glance.test:9292' }] }],
  },
}

/** Provider (discovery + token endpoint) and Keystone (federation + rescope), answering as the real ones do. */
function handlers(discovery: Record<string, unknown> = { token_endpoint: `${idp}/token`, grant_types_supported: ['password', 'client_credentials'] }) {
  return [
    http.get(`${idp}/.well-known/openid-configuration`, () => HttpResponse.json(discovery)),
    http.post(`${idp}/token`, () => HttpResponse.json({ access_token: 'the-access-token', id_token: 'the-id-token', token_type: 'Bearer' })),
    http.post(`${idp}/other-token`, () => HttpResponse.json({ access_token: 'other-access-token' })),
    http.post(federationUrl, () =>
      HttpResponse.json({ token: { expires_at: '2030-01-01T00:00:00Z', user: { id: 'fed-user' } } }, { status: 201, headers: { 'X-Subject-Token': 'unscoped' } }),
    ),
    http.post(`${keystone}/v3/auth/tokens`, () => HttpResponse.json(projectToken, { status: 201, headers: { 'X-Subject-Token': 'scoped' } })),
  ]
}

const base: AuthFields = {
  authUrl: `${keystone}/v3`,
  identityProvider: 'myidp',
  protocol: 'openid',
  projectName: 'demo',
  projectDomainName: 'Default',
}

async function run(options: AuthFields, mockHandlers = handlers()) {
  const mock = createMockDispatcher(...mockHandlers)
  const result = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), options).catch((e: Error) => e)
  return { result, requests: mock.requests }
}

describe('v3oidcpassword', () => {
  it('discovery, password grant with client Basic auth, federation with the Bearer token, rescope to the project', async () => {
    const { result, requests } = await run({
      ...base,
      authType: 'v3oidcpassword',
      discoveryEndpoint: `${idp}/.well-known/openid-configuration`,
      clientId: 'cli ent',
      clientSecret: 's:ecret',
      username: 'alice',
      password: 'pw',
    })
    expect(result).toMatchObject({ token: 'scoped', projectId: 'p1' })
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${idp}/.well-known/openid-configuration`,
      `POST ${idp}/token`,
      `POST ${federationUrl}`,
      `POST ${keystone}/v3/auth/tokens`,
    ])
    const tokenRequest = requests[1]
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body.toString()))).toEqual({
      grant_type: 'password',
      scope: 'openid profile',
      username: 'alice',
      password: 'pw',
    })
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Buffer.from(tokenRequest.headers.authorization.replace('Basic ', ''), 'base64').toString()).toBe('cli%20ent:s%3Aecret')
    expect(requests[2].headers.authorization).toBe('Bearer the-access-token')
    expect(JSON.parse(requests[3].body.toString())).toEqual({
      auth: {
        identity: { methods: ['token'], token: { id: 'unscoped' } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    })
  })

  it('an explicit token endpoint wins over discovery; id_token when asked; a custom scope', async () => {
    const { result, requests } = await run({
      ...base,
      authType: 'v3oidcpassword',
      discoveryEndpoint: `${idp}/.well-known/openid-configuration`,
      accessTokenEndpoint: `${idp}/other-token`,
      username: 'alice',
      password: 'pw',
      openidScope: 'openid email',
    })
    expect(result).toMatchObject({ token: 'scoped' })
    expect(requests[1].url).toBe(`${idp}/other-token`)
    expect(requests[1].headers).not.toHaveProperty('authorization')
    expect(new URLSearchParams(requests[1].body.toString()).get('scope')).toBe('openid email')
    expect(requests[2].headers.authorization).toBe('Bearer other-access-token')

    const idToken = await run({ ...base, authType: 'v3oidcpassword', accessTokenEndpoint: `${idp}/token`, username: 'a', password: 'p', accessTokenType: 'id_token' })
    expect(idToken.requests[1].headers.authorization).toBe('Bearer the-id-token')
  })

  it('refuses a grant the discovery document does not list, before asking for a token', async () => {
    const { result, requests } = await run(
      { ...base, authType: 'v3oidcpassword', discoveryEndpoint: `${idp}/.well-known/openid-configuration`, username: 'a', password: 'p' },
      handlers({ token_endpoint: `${idp}/token`, grant_types_supported: ['authorization_code'] }),
    )
    expect(result).toBeInstanceOf(AuthenticationError)
    expect((result as Error).message).toBe('The OpenID provider does not support the "password" grant (grant_types_supported: authorization_code)')
    expect(requests).toHaveLength(1)
  })

  it('words the provider\'s OAuth error', async () => {
    const refusing = http.post(`${idp}/token`, () => HttpResponse.json({ error: 'invalid_grant', error_description: 'bad password' }, { status: 400 }))
    const { result } = await run({ ...base, authType: 'v3oidcpassword', accessTokenEndpoint: `${idp}/token`, username: 'a', password: 'p' }, [refusing])
    expect((result as Error).message).toBe('The OpenID provider refused the credentials (HTTP 400): invalid_grant: bad password')
  })
})

describe('v3oidcclientcredentials and v3oidcaccesstoken', () => {
  it('client credentials: the grant with the client\'s Basic auth, no username', async () => {
    const { requests } = await run({ ...base, authType: 'v3oidcclientcredentials', accessTokenEndpoint: `${idp}/token`, clientId: 'c', clientSecret: 's' })
    expect(Object.fromEntries(new URLSearchParams(requests[0].body.toString()))).toEqual({ grant_type: 'client_credentials', scope: 'openid profile' })
    expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from('c:s').toString('base64')}`)
  })

  it('access token: straight to the federation URL, then rescope', async () => {
    const { result, requests } = await run({ ...base, authType: 'v3oidcaccesstoken', accessToken: 'given-access-token' })
    expect(result).toMatchObject({ token: 'scoped' })
    expect(requests.map((r) => r.url)).toEqual([federationUrl, `${keystone}/v3/auth/tokens`])
    expect(requests[0].headers.authorization).toBe('Bearer given-access-token')
  })
})

describe('settings', () => {
  it('the federation URL is under /v3 however the auth URL is given', () => {
    expect(federationAuthUrl('http://k:5000', 'i d', 'openid')).toBe('http://k:5000/v3/OS-FEDERATION/identity_providers/i%20d/protocols/openid/auth')
    expect(federationAuthUrl('http://k:5000/v3/', 'idp', 'p')).toBe('http://k:5000/v3/OS-FEDERATION/identity_providers/idp/protocols/p/auth')
  })

  it('names each missing setting before any request', async () => {
    const cases: [AuthFields, MissingCredential][] = [
      [{ ...base, authType: 'v3oidcaccesstoken', identityProvider: undefined, accessToken: 't' }, 'identityProvider'],
      [{ ...base, authType: 'v3oidcaccesstoken', protocol: undefined, accessToken: 't' }, 'protocol'],
      [{ ...base, authType: 'v3oidcaccesstoken' }, 'accessToken'],
      [{ ...base, authType: 'v3oidcpassword', username: 'a', password: 'p' }, 'oidcTokenEndpoint'],
      [{ ...base, authType: 'v3oidcpassword', accessTokenEndpoint: `${idp}/token`, password: 'p' }, 'username'],
      [{ ...base, authType: 'v3oidcclientcredentials', accessTokenEndpoint: `${idp}/token`, clientId: 'c' }, 'clientSecret'],
      [{ ...base, authType: 'v3oidcaccesstoken', accessToken: 't', projectName: undefined }, 'project'],
    ]
    for (const [options, credential] of cases) {
      const { result, requests } = await run(options)
      expect(result).toBeInstanceOf(MissingCredentialError)
      expect((result as MissingCredentialError).credential).toBe(credential)
      expect(requests).toHaveLength(0)
    }
  })
})
