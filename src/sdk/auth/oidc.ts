import { AuthenticationError, CommunicationError, HttpError, MissingCredentialError, type MissingCredential } from '../errors.js'
import type { HttpResponse, HttpTransport } from '../transport/http-transport.js'
import { authenticate, keystoneTokensUrl, requestKeystoneToken } from './keystone.js'
import type { AuthFields, KeystoneToken } from './types.js'

/**
 * OpenID Connect through Keystone federation, as keystoneauth's `v3oidc*`
 * plugins do it:
 * 1. get an access token from the OpenID provider's token endpoint (named,
 *    or read from its discovery document) with the plugin's grant;
 * 2. POST it as `Authorization: Bearer` to Keystone's
 *    `/v3/OS-FEDERATION/identity_providers/{idp}/protocols/{protocol}/auth`,
 *    which answers with an unscoped token (the web server in front of
 *    Keystone validates the access token and hands Keystone its claims);
 * 3. rescope that token to the project, domain or system asked for.
 */

type OidcGrant = 'password' | 'client_credentials'

const GRANT_BY_AUTH_TYPE: Record<string, OidcGrant | undefined> = {
  v3oidcpassword: 'password',
  v3oidcclientcredentials: 'client_credentials',
  v3oidcaccesstoken: undefined,
}

/** keystoneauth's default `openid_scope`. */
const DEFAULT_OPENID_SCOPE = 'openid profile'

function required(value: string | undefined, credential: MissingCredential): void {
  if (!value) throw new MissingCredentialError(credential)
}

/** Everything checked before the first request, so a missing setting costs no round trip. */
function checkOptions(options: AuthFields, grant: OidcGrant | undefined): void {
  required(options.authUrl, 'authUrl')
  required(options.identityProvider, 'identityProvider')
  required(options.protocol, 'protocol')
  if (grant === undefined) {
    required(options.accessToken, 'accessToken')
  } else {
    if (!options.discoveryEndpoint && !options.accessTokenEndpoint) throw new MissingCredentialError('oidcTokenEndpoint')
    if (grant === 'password') {
      required(options.username, 'username')
      required(options.password, 'password')
    } else {
      required(options.clientId, 'clientId')
      required(options.clientSecret, 'clientSecret')
    }
  }
  if (!(options.projectId || options.projectName || options.domainId || options.domainName || options.systemScope)) {
    throw new MissingCredentialError('project')
  }
}

/** The federation auth URL keystoneauth builds from the auth URL (always under `/v3`). */
export function federationAuthUrl(authUrl: string, identityProvider: string, protocol: string): string {
  const base = keystoneTokensUrl(authUrl).replace(/\/auth\/tokens$/, '')
  return `${base}/OS-FEDERATION/identity_providers/${encodeURIComponent(identityProvider)}/protocols/${encodeURIComponent(protocol)}/auth`
}

/** Statuses with which OAuth 2.0 endpoints refuse a request, with `error` / `error_description` in the body (RFC 6749 5.2). */
const OAUTH_REFUSALS = [400, 401, 403]

/** One request to the OpenID provider, its refusals worded as the provider's (not Keystone's). */
async function providerRequest<T>(what: string, send: (expect: number[]) => Promise<HttpResponse>): Promise<T> {
  let response: HttpResponse
  try {
    response = await send([200, ...OAUTH_REFUSALS])
  } catch (err) {
    if (err instanceof HttpError) throw new AuthenticationError(`The OpenID provider refused ${what} (HTTP ${err.status})`, { cause: err })
    if (err instanceof CommunicationError) throw new CommunicationError(`Unable to reach the OpenID provider for ${what}: ${err.message}`, { cause: err })
    throw err
  }
  if (response.status === 200) return response.json<T>()
  const refusal = await response.json<{ error?: unknown; error_description?: unknown }>().catch(() => undefined)
  const detail = [refusal?.error, refusal?.error_description].filter((part) => typeof part === 'string' && part !== '').join(': ')
  throw new AuthenticationError(`The OpenID provider refused ${what} (HTTP ${response.status})${detail ? `: ${detail}` : ''}`)
}

interface DiscoveryDocument {
  token_endpoint?: string
  grant_types_supported?: string[]
}

/** The token endpoint: the explicit one wins over the discovery document's, as in keystoneauth. */
async function tokenEndpoint(transport: HttpTransport, options: AuthFields, grant: OidcGrant, signal?: AbortSignal): Promise<string> {
  if (!options.discoveryEndpoint) return options.accessTokenEndpoint!
  const discovery = await providerRequest<DiscoveryDocument>('its discovery document', (expect) =>
    transport.send({ method: 'GET', url: options.discoveryEndpoint!, headers: { Accept: 'application/json' }, expect, signal }),
  )
  const grants = discovery.grant_types_supported
  if (Array.isArray(grants) && grants.length > 0 && !grants.includes(grant)) {
    throw new AuthenticationError(`The OpenID provider does not support the "${grant}" grant (grant_types_supported: ${grants.join(', ')})`)
  }
  const endpoint = options.accessTokenEndpoint ?? discovery.token_endpoint
  if (!endpoint) throw new AuthenticationError(`The discovery document at ${options.discoveryEndpoint} names no token_endpoint`)
  return endpoint
}

/** Exchange the grant for the token Keystone is shown (`access_token`, or `id_token` if asked). */
async function fetchAccessToken(transport: HttpTransport, options: AuthFields, grant: OidcGrant, signal?: AbortSignal): Promise<string> {
  const endpoint = await tokenEndpoint(transport, options, grant, signal)
  const form = new URLSearchParams({ grant_type: grant, scope: options.openidScope ?? DEFAULT_OPENID_SCOPE })
  if (grant === 'password') {
    form.set('username', options.username!)
    form.set('password', options.password!)
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }
  if (options.clientId) {
    // RFC 6749 section 2.3.1: each part form-encoded, then Basic.
    const basic = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret ?? '')}`
    headers.Authorization = `Basic ${Buffer.from(basic).toString('base64')}`
  }
  const field = options.accessTokenType ?? 'access_token'
  const answer = await providerRequest<Record<string, unknown>>('the credentials', (expect) =>
    // The form holds a password: sent as a string so debug output shows `<binary data>`.
    transport.send({ method: 'POST', url: endpoint, body: form.toString(), headers, expect, signal }),
  )
  const token = answer[field]
  if (typeof token !== 'string' || token === '') throw new AuthenticationError(`The OpenID provider's answer from ${endpoint} has no ${field}`)
  return token
}

export async function authenticateWithOidc(transport: HttpTransport, options: AuthFields, signal?: AbortSignal): Promise<KeystoneToken> {
  const grant = GRANT_BY_AUTH_TYPE[options.authType!]
  checkOptions(options, grant)
  const accessToken = grant === undefined ? options.accessToken! : await fetchAccessToken(transport, options, grant, signal)
  const unscoped = await requestKeystoneToken(transport, {
    url: federationAuthUrl(options.authUrl!, options.identityProvider!, options.protocol!),
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    signal,
  })
  // keystoneauth's FederationBaseAuth: rescope through the token method.
  return authenticate(
    transport,
    {
      authType: 'token',
      authUrl: options.authUrl,
      token: unscoped.token,
      projectId: options.projectId,
      projectName: options.projectName,
      projectDomainId: options.projectDomainId,
      projectDomainName: options.projectDomainName,
      domainId: options.domainId,
      domainName: options.domainName,
      systemScope: options.systemScope,
    },
    signal,
  )
}
