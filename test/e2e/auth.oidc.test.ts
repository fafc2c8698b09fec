/**
 * OpenID Connect (v3oidcpassword, v3oidcclientcredentials,
 * v3oidcaccesstoken) against the real Keystone and Glance, with an OpenID
 * provider of our own on 127.0.0.1 registered in Keystone as an identity
 * provider (see support/oidc-provider.ts).
 *
 * The closest honest test the stack allows: Keystone trusts whatever web
 * server sits in front of it to validate the bearer token (mod_auth_openidc
 * in production). Here that is a small gateway that verifies the token
 * against the provider's JWKS with jose and passes the claims on as
 * `OIDC-*` headers. tsglance talks to Keystone only through the gateway;
 * Keystone's own port is not protected the same way.
 *
 * Federated users get the demo project through a group, so seeing demo's
 * private image proves the rescoped token's scope.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Image } from '../../src/sdk/images/types.js'
import { createDemoPrivateImage, deleteDemoImage, imageRow } from './support/demo-image.js'
import { registerOidcFederation, unregisterOidcFederation, type OidcFederation } from './support/keystone-admin.js'
import { startKeystoneGateway, startOidcProvider, type KeystoneGateway, type TestOidcProvider } from './support/oidc-provider.js'
import { tsglance, type RunResult } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const runTag = `auth-oidc-${process.pid}-${Date.now()}`
const USER = { username: `${runTag}-alice`, password: 'alice-oidc-pass' }
const CLIENT = { id: `${runTag}-client`, secret: 'client-oidc-secret' }
const TOKEN_REQUEST = /^REQ: curl -g -i -X POST \S+\/v3\/auth\/tokens /gm
const FEDERATION_REQUEST = /^REQ: curl -g -i -X POST \S+\/v3\/OS-FEDERATION\/identity_providers\/\S+\/protocols\/mapped\/auth /gm
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0

let provider: TestOidcProvider
let gateway: KeystoneGateway
let federation: OidcFederation
let demoImage: Image

beforeAll(async () => {
  provider = await startOidcProvider({ users: [USER], clients: [CLIENT] })
  const keystoneRoot = openrc('admin').OS_AUTH_URL.replace(/\/+$/, '').replace(/\/v3$/, '')
  gateway = await startKeystoneGateway(keystoneRoot, provider)
  federation = await registerOidcFederation(runTag, provider.issuer)
  demoImage = await createDemoPrivateImage(`${runTag}-demo`)
})

afterAll(async () => {
  if (federation) await unregisterOidcFederation(federation)
  await gateway?.close()
  await provider?.close()
  if (demoImage) await deleteDemoImage(demoImage.id)
})

/** The federation settings common to every OIDC run, the cache off so each run authenticates. */
function oidcEnv(authType: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TSGLANCE_NO_TOKEN_CACHE: '1',
    OS_AUTH_TYPE: authType,
    OS_AUTH_URL: gateway.authUrl,
    OS_IDENTITY_PROVIDER: federation.identityProvider,
    OS_PROTOCOL: federation.protocol,
    OS_PROJECT_NAME: 'demo',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    ...extra,
  }
}

function expectDemoProjectList(result: RunResult): void {
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(imageRow(demoImage))
}

describe('v3oidcpassword', () => {
  it('discovery, password grant, federation token, rescope to demo: one federation and one token request', async () => {
    const before = provider.tokenRequests.length
    const env = oidcEnv('v3oidcpassword', {
      OS_DISCOVERY_ENDPOINT: provider.discoveryUrl,
      OS_CLIENT_ID: CLIENT.id,
      OS_CLIENT_SECRET: CLIENT.secret,
      OS_USERNAME: USER.username,
      OS_PASSWORD: USER.password,
    })
    const result = await tsglance(['--debug', 'image-list'], { env })
    expectDemoProjectList(result)
    expect(provider.tokenRequests.slice(before)).toEqual([{ grant: 'password' }])
    expect(count(result.stderr, FEDERATION_REQUEST)).toBe(1)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    expect(result.stderr).not.toContain(USER.password)
    expect(result.stderr).not.toContain(CLIENT.secret)
  })

  it('an explicit token endpoint instead of discovery, flags instead of variables', async () => {
    const result = await tsglance(
      [
        '--os-access-token-endpoint', provider.tokenUrl,
        '--os-username', USER.username,
        '--os-password', USER.password,
        'image-list',
      ],
      { env: oidcEnv('v3oidcpassword') },
    )
    expectDemoProjectList(result)
  })

  it('a wrong password: the provider\'s refusal, exit 1', async () => {
    const env = oidcEnv('v3oidcpassword', { OS_DISCOVERY_ENDPOINT: provider.discoveryUrl, OS_USERNAME: USER.username, OS_PASSWORD: 'wrong' })
    const result = await tsglance(['image-list'], { env })
    expect({ stdout: result.stdout, code: result.code }).toEqual({ stdout: '', code: 1 })
    expect(result.stderr).toBe('The OpenID provider refused the credentials (HTTP 400): invalid_grant: wrong username or password\n')
  })
})

describe('token cache', () => {
  it('a second v3oidcpassword run asks neither the provider nor Keystone', async () => {
    const env = {
      ...oidcEnv('v3oidcpassword', { OS_DISCOVERY_ENDPOINT: provider.discoveryUrl, OS_USERNAME: USER.username, OS_PASSWORD: USER.password }),
      TSGLANCE_NO_TOKEN_CACHE: '',
      XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'tsglance-e2e-xdg-cache-')),
    }
    const before = provider.tokenRequests.length
    const first = await tsglance(['--debug', 'image-list'], { env })
    const second = await tsglance(['--debug', 'image-list'], { env })
    expectDemoProjectList(first)
    expectDemoProjectList(second)
    expect(provider.tokenRequests.length).toBe(before + 1)
    expect([first, second].map((r) => count(r.stderr, FEDERATION_REQUEST) + count(r.stderr, TOKEN_REQUEST))).toEqual([2, 0])
  })
})

describe('v3oidcclientcredentials', () => {
  it('client credentials grant: the client is the federated user, scoped to demo', async () => {
    const before = provider.tokenRequests.length
    const env = oidcEnv('v3oidcclientcredentials', {
      OS_DISCOVERY_ENDPOINT: provider.discoveryUrl,
      OS_CLIENT_ID: CLIENT.id,
      OS_CLIENT_SECRET: CLIENT.secret,
    })
    expectDemoProjectList(await tsglance(['image-list'], { env }))
    expect(provider.tokenRequests.slice(before)).toEqual([{ grant: 'client_credentials' }])
  })

  it('a wrong client secret: the provider\'s refusal, exit 1', async () => {
    const env = oidcEnv('v3oidcclientcredentials', { OS_DISCOVERY_ENDPOINT: provider.discoveryUrl, OS_CLIENT_ID: CLIENT.id, OS_CLIENT_SECRET: 'wrong' })
    const result = await tsglance(['image-list'], { env })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^The OpenID provider refused the credentials \(HTTP 401\)/)
  })
})

describe('v3oidcaccesstoken', () => {
  it('an access token from the provider: no provider request, federation then rescope', async () => {
    const before = provider.tokenRequests.length
    const accessToken = await provider.issueAccessToken(`${runTag}-bob`)
    const result = await tsglance(['--debug', '--os-access-token', accessToken, 'image-list'], { env: oidcEnv('v3oidcaccesstoken') })
    expectDemoProjectList(result)
    expect(provider.tokenRequests.length).toBe(before)
    expect(count(result.stderr, FEDERATION_REQUEST)).toBe(1)
    expect(result.stderr).not.toContain(accessToken)
  })

  it('an expired access token: refused at the gateway, Keystone\'s 401 line', async () => {
    const refusedBefore = gateway.refused
    const expired = await provider.issueAccessToken(`${runTag}-bob`, -60)
    const result = await tsglance(['image-list'], { env: oidcEnv('v3oidcaccesstoken', { OS_ACCESS_TOKEN: expired }) })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^The OpenID Connect access token was not accepted: .*exp.* \(HTTP 401\)\n$/)
    expect(gateway.refused).toBe(refusedBefore + 1)
  })
})

describe('missing settings name what to set, before any request', () => {
  it.each([
    ['no identity provider', 'v3oidcaccesstoken', { OS_IDENTITY_PROVIDER: '' }, 'You must provide an identity provider via either --os-identity-provider or env[OS_IDENTITY_PROVIDER]'],
    ['no protocol', 'v3oidcaccesstoken', { OS_PROTOCOL: '' }, 'You must provide a federation protocol via either --os-protocol or env[OS_PROTOCOL]'],
    ['no access token', 'v3oidcaccesstoken', {}, 'You must provide an OpenID Connect access token via either --os-access-token or env[OS_ACCESS_TOKEN]'],
    [
      'no provider endpoint',
      'v3oidcpassword',
      { OS_USERNAME: 'u', OS_PASSWORD: 'p' },
      'You must provide the OpenID provider via either --os-discovery-endpoint (env[OS_DISCOVERY_ENDPOINT]) or --os-access-token-endpoint (env[OS_ACCESS_TOKEN_ENDPOINT])',
    ],
    ['no client id', 'v3oidcclientcredentials', { OS_ACCESS_TOKEN_ENDPOINT: 'http://127.0.0.1:1/token' }, 'You must provide an OAuth 2.0 client id via either --os-client-id or env[OS_CLIENT_ID]'],
  ])('%s', async (_case, authType, extra, message) => {
    const result = await tsglance(['--debug', 'image-list'], { env: oidcEnv(authType, extra) })
    expect(result.code).toBe(1)
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(message)
    expect(count(result.stderr, /^REQ: /gm)).toBe(0)
  })
})
