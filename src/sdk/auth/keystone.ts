import { AuthenticationError, CommunicationError, ConfigurationError, HttpError, MissingCredentialError } from '../errors.js'
import type { HttpTransport } from '../transport/http-transport.js'
import { inferAuthType } from './auth-type.js'
import type { AuthFields, AuthType, CatalogEndpoint, CatalogService, KeystoneToken } from './types.js'

/**
 * The tokens URL for an auth URL given with or without its version:
 * `http://h:5000`, `http://h:5000/`, `http://h:5000/v3` and `http://h:5000/v3/`
 * all become `http://h:5000/v3/auth/tokens`, and a legacy `/v2.0` suffix is
 * swapped for `/v3`.
 *
 * There is no discovery GET: glance asks the root URL for its versions only
 * to choose between v2 and v3, Keystone v2 is long gone, and openstacksdk's
 * v3 plugins likewise just append `/v3` (keystoneauth's `Auth.get_auth_ref`).
 * Skipping it saves a round trip per run. Deployments that mount v3 somewhere
 * other than `<root>/v3` must pass that URL explicitly, which works as is.
 */
export function keystoneTokensUrl(authUrl: string): string {
  let url: URL
  try {
    url = new URL(authUrl)
  } catch {
    throw new ConfigurationError(`Invalid auth URL: ${authUrl}`)
  }
  const segments = url.pathname.split('/').filter(Boolean)
  const last = segments.at(-1)?.toLowerCase()
  if (last === 'v2.0' || last === 'v2') segments.pop()
  if (last !== 'v3') segments.push('v3')
  url.pathname = `/${[...segments, 'auth', 'tokens'].join('/')}`
  url.search = ''
  url.hash = ''
  return url.toString()
}

/** `{"methods": [...], "<method>": {...}, ...}`: one entry per method named. */
type Identity = { methods: string[] } & Record<string, unknown>

type Scope = { project: Record<string, unknown> } | { domain: { id: string } | { name: string } } | { system: { all: true } }

interface TokenRequestBody {
  auth: { identity: Identity; scope?: Scope }
}

/** `{id}` or `{name}` reference, preferring the id like keystoneauth. */
function reference(id: string | undefined, name: string | undefined): { id: string } | { name: string } | undefined {
  if (id) return { id }
  if (name) return { name }
  return undefined
}

function hasScope(options: AuthFields): boolean {
  return !!(options.projectId || options.projectName || options.domainId || options.domainName || options.systemScope)
}

/** The user block shared by password and named application credentials. */
function userReference(options: AuthFields): Record<string, unknown> {
  if (options.userId) return { id: options.userId }
  const user: Record<string, unknown> = { name: options.username }
  // Like keystoneauth and glance, no default domain is invented: Keystone
  // answers "Expecting to find domain in user" and the user sees that.
  const domain = reference(options.userDomainId, options.userDomainName)
  if (domain) user.domain = domain
  return user
}

/**
 * The scope block, in keystoneauth's order of preference: domain, then
 * project, then system. Naming both a domain and a project is refused there
 * and here; an unscoped request leaves `scope` out.
 */
function scopeFor(options: AuthFields): Scope | undefined {
  const domain = reference(options.domainId, options.domainName)
  const hasProject = !!(options.projectId || options.projectName)
  if (domain && hasProject) {
    throw new ConfigurationError(
      'Authentication cannot be scoped to multiple targets. Pick one of: project, domain, trust or unscoped',
    )
  }
  if (domain) return { domain }
  if (options.projectId) return { project: { id: options.projectId } }
  if (options.projectName) {
    const project: Record<string, unknown> = { name: options.projectName }
    const projectDomain = reference(options.projectDomainId, options.projectDomainName)
    if (projectDomain) project.domain = projectDomain
    return { project }
  }
  if (options.systemScope) {
    // keystoneauth silently drops any other value; failing says why the
    // token would come back unscoped.
    if (options.systemScope !== 'all') {
      throw new ConfigurationError(`Unsupported system scope "${options.systemScope}": Keystone only supports "all"`)
    }
    return { system: { all: true } }
  }
  return undefined
}

/** The user block of the `password` method; checks glance's order: username, then password. */
function passwordMethod(options: AuthFields): Record<string, unknown> {
  if (!options.username && !options.userId) throw new MissingCredentialError('username')
  if (!options.password) throw new MissingCredentialError('password')
  return { user: { ...userReference(options), password: options.password } }
}

/** keystoneauth's `TOTPMethod`: the same user block with a passcode instead of a password. */
function totpMethod(options: AuthFields): Record<string, unknown> {
  if (!options.username && !options.userId) throw new MissingCredentialError('username')
  if (!options.passcode) throw new MissingCredentialError('passcode')
  return { user: { ...userReference(options), passcode: options.passcode } }
}

const USER_METHODS = { password: passwordMethod, totp: totpMethod } as const

/**
 * An identity made of user methods (password, totp or both for
 * `v3multifactor`) with the scope glance insists on: without one the token
 * has no catalog and Glance cannot be found, so say which setting is missing
 * instead. A domain or system scope is accepted too, because those are what
 * admins use instead.
 */
function userMethodsRequest(options: AuthFields, methods: readonly (keyof typeof USER_METHODS)[]): TokenRequest {
  const identity: Identity = { methods: [...methods] }
  for (const method of methods) identity[method] = USER_METHODS[method](options)
  if (!hasScope(options)) throw new MissingCredentialError('project')
  return { url: tokensUrlFrom(options), body: withScope(identity, scopeFor(options)) }
}

interface TokenRequest {
  url: string
  body: TokenRequestBody
}

/**
 * Check the options and build the request keystoneauth would send. Checks
 * run in glance's order (user, password, project, auth URL) so the first
 * message matches glance's for the same missing settings.
 */
function buildTokenRequest(options: AuthFields): TokenRequest {
  const authType = options.authType ?? inferAuthType(options)
  switch (authType) {
    case 'password':
      return userMethodsRequest(options, ['password'])
    case 'v3totp':
      return userMethodsRequest(options, ['totp'])
    case 'v3multifactor':
      if (!options.authMethods?.length) throw new MissingCredentialError('authMethods')
      return userMethodsRequest(options, options.authMethods)
    case 'token': {
      if (!options.token) throw new MissingCredentialError('token')
      const url = tokensUrlFrom(options)
      return { url, body: withScope({ methods: ['token'], token: { id: options.token } }, scopeFor(options)) }
    }
    case 'v3applicationcredential': {
      if (!options.applicationCredentialId && !options.applicationCredentialName) {
        throw new MissingCredentialError('applicationCredential')
      }
      if (!options.applicationCredentialSecret) {
        throw new MissingCredentialError('applicationCredentialSecret')
      }
      const credential: Record<string, unknown> = { secret: options.applicationCredentialSecret }
      if (options.applicationCredentialId) {
        credential.id = options.applicationCredentialId
      } else {
        if (!options.userId && !options.username) {
          throw new MissingCredentialError('applicationCredentialUser')
        }
        credential.name = options.applicationCredentialName
        credential.user = userReference(options)
      }
      const url = tokensUrlFrom(options)
      // An application credential is bound to its project; Keystone rejects
      // any scope, and keystoneauth's plugin takes no scope options.
      return { url, body: { auth: { identity: { methods: ['application_credential'], application_credential: credential } } } }
    }
    case 'none':
      throw new MissingCredentialError('endpoint')
    case 'v3oidcpassword':
    case 'v3oidcclientcredentials':
    case 'v3oidcaccesstoken':
      throw new ConfigurationError(`Auth type ${authType} has no single token request; it goes through the OpenID provider`)
  }
}

function tokensUrlFrom(options: AuthFields): string {
  if (!options.authUrl) throw new MissingCredentialError('authUrl')
  return keystoneTokensUrl(options.authUrl)
}

function withScope(identity: Identity, scope: Scope | undefined): TokenRequestBody {
  return scope ? { auth: { identity, scope } } : { auth: { identity } }
}

/** keystoneauth's fallback messages when the error body carries none. */
const KEYSTONEAUTH_REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function keystoneauthReason(status: number): string {
  if (KEYSTONEAUTH_REASONS[status]) return KEYSTONEAUTH_REASONS[status]
  if (status >= 500) return 'HTTP Server Error'
  if (status >= 400) return 'HTTP Client Error'
  return 'HTTP Error'
}

/**
 * keystoneauth's rendering of a failed token request, which is what glance
 * prints: `<error.message> (HTTP <status>) (Request-ID: <id>)`.
 */
function authenticationFailure(err: HttpError): AuthenticationError {
  // A 3xx that is not a redirect (Glance's or another service's version list): keystoneauth would say
  // `HTTP Error (HTTP 300)`, which does not tell the user that the auth URL points elsewhere.
  if (err.status < 400) {
    return new AuthenticationError(`${err.url} did not answer as a Keystone v3 token endpoint (HTTP ${err.status}): check the auth URL`, { cause: err })
  }
  // HttpError falls back to its class name when the body had no message.
  const message = err.details && err.details !== err.name ? err.details : keystoneauthReason(err.status)
  const requestId = err.requestId ? ` (Request-ID: ${err.requestId})` : ''
  return new AuthenticationError(`${message} (HTTP ${err.status})${requestId}`, { cause: err })
}

/**
 * keystoneauth's `ConnectFailure` wording, which glance prints when Keystone
 * cannot be reached: `Unable to establish connection to <url>: <reason>`.
 * (The transport's own "Error finding address for" is glanceclient's wording
 * for Glance, not for Keystone.)
 */
function connectFailure(err: CommunicationError, url: string): CommunicationError {
  const cause = err.cause as (Error & { cause?: Error }) | undefined
  const reason = cause?.cause?.message ?? cause?.message ?? err.message
  return new CommunicationError(`Unable to establish connection to ${url}: ${reason}`, { cause: err.cause })
}

interface RawReference {
  id?: string
}

interface RawToken {
  expires_at?: string
  issued_at?: string
  user?: RawReference
  project?: RawReference
  domain?: RawReference
  system?: { all?: boolean }
  roles?: { name?: string }[]
  catalog?: {
    type?: string
    name?: string
    endpoints?: Partial<CatalogEndpoint>[]
  }[]
}

function parseCatalog(raw: RawToken['catalog']): CatalogService[] {
  return (raw ?? [])
    .filter((service) => typeof service.type === 'string')
    .map((service) => ({
      type: service.type as string,
      ...(service.name ? { name: service.name } : {}),
      endpoints: (service.endpoints ?? [])
        .filter((e): e is CatalogEndpoint => typeof e.url === 'string' && typeof e.interface === 'string')
        .map(({ id, interface: iface, region, region_id, url }) => ({ id, interface: iface, region, region_id, url })),
    }))
}

function parseTime(time: string | undefined): Date | undefined {
  if (!time) return undefined
  const date = new Date(time)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * Get a token with one `POST {authUrl}/v3/auth/tokens`, the request
 * keystoneauth's v3 `password`, `token` or `v3applicationcredential` plugin
 * would send for the same options.
 *
 * Throws `ConfigurationError` (naming the setting to provide) before any
 * request when something required is missing, and `AuthenticationError` with
 * keystoneauth's wording when Keystone refuses; an unreachable Keystone is a
 * `CommunicationError`, also worded as keystoneauth words it.
 */
export async function authenticate(transport: HttpTransport, options: AuthFields, signal?: AbortSignal): Promise<KeystoneToken> {
  if (OIDC_AUTH_TYPES.has(options.authType ?? inferAuthType(options))) {
    // Loaded only for OpenID Connect: most runs never need it.
    const { authenticateWithOidc } = await import('./oidc.js')
    return authenticateWithOidc(transport, options, signal)
  }
  const { url, body } = buildTokenRequest(options)
  return requestKeystoneToken(transport, {
    url,
    // Pre-serialised so debug logs show `<binary data>`: keystoneauth never
    // logs auth bodies, and a token-method body holds a live token under a
    // key (`id`) that JSON redaction cannot know is secret.
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    signal,
  })
}

const OIDC_AUTH_TYPES: ReadonlySet<AuthType> = new Set(['v3oidcpassword', 'v3oidcclientcredentials', 'v3oidcaccesstoken'])

/**
 * POST to a Keystone URL that answers with a token in `X-Subject-Token`
 * (`/v3/auth/tokens`, or a federation `.../auth` URL) and parse it, with
 * keystoneauth's wording for refusals and unreachable servers.
 */
export async function requestKeystoneToken(
  transport: HttpTransport,
  request: { url: string; body?: string; headers: Record<string, string>; signal?: AbortSignal },
): Promise<KeystoneToken> {
  const { url, body, headers, signal } = request
  let response
  try {
    response = await transport.send({
      method: 'POST',
      url,
      body,
      headers,
      expect: [200, 201],
      // A token request that failed in transit can be sent again: a token issued twice harms nothing.
      retrySafe: true,
      signal,
    })
  } catch (err) {
    if (err instanceof HttpError) throw authenticationFailure(err)
    if (err instanceof CommunicationError) throw connectFailure(err, url)
    throw err
  }

  const subjectToken = response.header('x-subject-token')
  const payload = await response.json<{ token?: RawToken }>()
  if (!subjectToken || !payload?.token) {
    throw new AuthenticationError(`Invalid response from Keystone at ${url}: no token in the response`)
  }
  const token = payload.token
  return {
    token: subjectToken,
    expiresAt: parseTime(token.expires_at),
    issuedAt: parseTime(token.issued_at),
    catalog: parseCatalog(token.catalog),
    userId: token.user?.id,
    projectId: token.project?.id,
    domainId: token.domain?.id,
    system: token.system?.all === true,
    roles: (token.roles ?? []).map((role) => role.name).filter((name): name is string => typeof name === 'string'),
  }
}
