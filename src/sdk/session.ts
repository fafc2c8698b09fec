import type { AuthFields, AuthOptions, KeystoneToken } from './auth/types.js'
import type { RequestOptions } from './request-options.js'
import { authenticate } from './auth/keystone.js'
import { inferAuthType } from './auth/auth-type.js'
import { findEndpoint } from './auth/catalog.js'
import { tokenCacheKey, type TokenCache } from './auth/token-cache.js'
import { readJwsClaims } from './auth/jws.js'
import { AuthRequiredError, ConfigurationError, HTTPUnauthorized, TokenExpiredError, UnscopedTokenError } from './errors.js'
import { RequestPlan } from './dry-run.js'
import { HttpTransport, type HttpRequest, type HttpResponse, type TransportOptions } from './transport/http-transport.js'
import { SharedResult } from './result-cache.js'

export interface SessionOptions extends TransportOptions {
  /** Keystone credentials; omit (or authType 'none') with `endpoint` for noauth Glance. */
  auth?: AuthOptions
  /** Glance URL that bypasses the catalog (`OS_IMAGE_URL`). */
  endpoint?: string
  /** Catalog selection (`OS_REGION_NAME`, `OS_INTERFACE`). */
  regionName?: string
  interface?: string
  /** Catalog service type of Glance; default `image`. */
  serviceType?: string
  /**
   * Tokens kept between runs (the CLI passes a `FileTokenCache`). Used only
   * for auth types that `tokenCacheKey` gives a key, never for a given token.
   */
  tokenCache?: TokenCache
  /** A pre-built transport to share between clients; otherwise one is created. */
  transport?: HttpTransport
  /**
   * Send only reads (GET, HEAD) to Glance; record every request in
   * `session.plan`, and answer the others with a stand-in whose body stops
   * the run with DryRunStop (docs/decisions/0013-dry-run.md).
   */
  dryRun?: boolean
  /**
   * `Accept-Language` of every Glance request (e.g. `de`, `fr-FR, en;q=0.5`):
   * the languages a Glance with translations installed words its messages
   * in. Not sent to Keystone.
   */
  acceptLanguage?: string
}

/**
 * Authentication plus endpoint selection over one transport, in the manner
 * of a keystoneauth Session: the first request that needs a token fetches
 * it, and every later request of this session reuses it (glance fetches two
 * per run). Requests carry paths relative to the Glance endpoint.
 */
export class Session {
  readonly transport: HttpTransport
  private readonly options: SessionOptions
  /** The token in use; replaced when it nears expiry or Glance rejects it. */
  private currentToken?: KeystoneToken
  /** An authentication in flight, shared by concurrent callers (see result-cache.ts). */
  private readonly authentication = new SharedResult(async (signal) => (this.currentToken = await this.fetchToken(signal)), { keep: false })
  private readonly glanceEndpoint = new SharedResult((signal) => this.resolveEndpoint(signal))
  /** Whether the current token was read from the token cache rather than just issued. */
  private tokenFromCache = false

  /** The requests of a dry run (`dryRun: true`), sent and held back. */
  readonly plan?: RequestPlan

  constructor(options: SessionOptions) {
    this.options = options
    if (options.dryRun) this.plan = new RequestPlan()
    this.transport = options.transport ?? new HttpTransport(options)
  }

  /**
   * The Keystone token for this session: fetched once, and fetched again
   * only when it would expire within two minutes (keystoneauth's margin),
   * or within half its lifetime if it lives less than four.
   */
  async token({ signal }: RequestOptions = {}): Promise<KeystoneToken> {
    signal?.throwIfAborted()
    if (this.currentToken && !expiresSoon(this.currentToken)) return this.currentToken
    return this.authentication.get(signal)
  }

  /**
   * A token with a fixed endpoint needs no Keystone (glance's token with an
   * image URL), which wins over any other credentials in the environment
   * (an openrc's OS_AUTH_TYPE=password too).
   */
  private usesBareToken(): boolean {
    const auth: AuthFields | undefined = this.options.auth
    return !!auth?.token && !!this.options.endpoint && auth.authType !== 'none'
  }

  /**
   * Make sure the token will outlast an operation of `durationMs` (a long
   * upload): when it would expire before that, plus the usual margin, fetch
   * a new one now rather than have Glance reject it mid-transfer. Only for
   * credentials that can mint a longer-lived token: a bare token cannot be
   * renewed, and a rescoped token keeps the expiry of the one it came from.
   */
  async ensureTokenOutlasts(durationMs: number, { signal }: RequestOptions = {}): Promise<void> {
    const auth: AuthFields | undefined = this.options.auth
    if (!auth || !this.needsAuth() || this.usesBareToken() || (auth.authType ?? inferAuthType(auth)) === 'token') return
    const hadToken = this.currentToken !== undefined
    const current = await this.token({ signal })
    // A token Keystone just issued is as long-lived as this session can get;
    // one from the token cache may be near its end.
    if (!hadToken && !this.tokenFromCache) return
    if (!expiresWithin(current, durationMs + renewalMarginMs(current))) return
    await this.discardToken()
    await this.token({ signal })
  }

  private async fetchToken(signal: AbortSignal): Promise<KeystoneToken> {
    const auth: AuthFields | undefined = this.options.auth
    if (!auth) throw new ConfigurationError('No authentication options given')
    if (this.usesBareToken()) return bareToken(auth.token!)
    const cache = this.cacheSlot()
    if (cache) {
      const cached = await cache.store.read(cache.key)
      if (cached && !expiresSoon(cached)) {
        this.options.debug?.(`Using the cached token in ${cache.store.describe(cache.key)}`)
        this.tokenFromCache = true
        return cached
      }
    }
    const token = await authenticate(this.transport, auth, signal)
    this.tokenFromCache = false
    // A cache that cannot be written costs the next run a token request, never this run its result.
    if (cache) await cache.store.write(cache.key, token).catch((err: Error) => this.options.debug?.(`Token cache not written: ${err.message}`))
    return token
  }

  /**
   * Stop using the current token (rejected, or too short-lived for what
   * comes next) and drop its cached copy, which is no good to the next run
   * either; the next `token()` asks Keystone.
   */
  private async discardToken(): Promise<void> {
    this.currentToken = undefined
    const cache = this.cacheSlot()
    if (cache) await cache.store.remove(cache.key).catch(() => undefined)
  }

  /** The cache and this identity's key in it, when its tokens are cached. */
  private cacheSlot(): { store: TokenCache; key: string } | undefined {
    const store = this.options.tokenCache
    const key = store && this.options.auth && !this.usesBareToken() ? tokenCacheKey(this.options.auth) : undefined
    return store && key ? { store, key } : undefined
  }

  private needsAuth(): boolean {
    return !!this.options.auth && this.options.auth.authType !== 'none'
  }

  /** The Glance base URL, without a trailing slash or version segment. */
  endpoint({ signal }: RequestOptions = {}): Promise<string> {
    return this.glanceEndpoint.get(signal)
  }

  private async resolveEndpoint(signal: AbortSignal): Promise<string> {
    if (this.options.endpoint) return stripVersion(checkedImageUrl(this.options.endpoint))
    const token = await this.token({ signal })
    if (token.catalog.length === 0 && isUnscoped(token)) throw new UnscopedTokenError()
    return stripVersion(
      findEndpoint(token.catalog, {
        serviceType: this.options.serviceType ?? 'image',
        interface: this.options.interface,
        regionName: this.options.regionName,
      }),
    )
  }

  /**
   * Send a request to a path under the Glance endpoint with the session's
   * token. When Glance rejects the token (revoked, expired early), fetch a
   * new one and send once more, provided the body can be sent again.
   */
  async request(req: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    const base = await this.endpoint(req)
    const send = async () => {
      const headers = { ...req.headers }
      if (this.options.acceptLanguage) headers['Accept-Language'] = this.options.acceptLanguage
      if (this.needsAuth()) headers['X-Auth-Token'] = (await this.token(req)).token
      const full = { ...req, url: base + req.path, headers }
      const standIn = this.plan?.intercept(full, this.transport.requestHeaders(full))
      return standIn ?? this.transport.send(full)
    }
    try {
      return await send()
    } catch (err) {
      if (err instanceof HTTPUnauthorized && this.options.auth?.authType === 'none') {
        throw new AuthRequiredError({ cause: err })
      }
      const canReauthenticate = this.needsAuth() && !this.usesBareToken() && HttpTransport.isReplayable(req.body)
      if (!(err instanceof HTTPUnauthorized) || !canReauthenticate) throw err
      await this.discardToken()
      return send()
    }
  }

  async close(): Promise<void> {
    await this.transport.close()
  }
}

/** An `endpoint` undici cannot send to fails here, naming the setting, not as undici's bare `Invalid URL`. */
function checkedImageUrl(endpoint: string): string {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigurationError(`Invalid image URL: ${endpoint} (expected http://host[:port] or https://host[:port])`)
  }
  return endpoint
}

/**
 * Glance catalog entries and `endpoint` values may end in a version
 * (`http://h:9292/v2`); every SDK path already starts with `/v2`, so strip
 * it the way glanceclient's `strip_version` does.
 */
export function stripVersion(endpoint: string): string {
  let url = endpoint.replace(/\/+$/, '')
  const last = url.slice(url.lastIndexOf('/') + 1)
  if (/^v\d+(\.\d+)?$/.test(last)) url = url.slice(0, url.lastIndexOf('/'))
  return url
}

/**
 * A token given with an image URL, sent as is. A JWS token says when it
 * expires, so an expired one fails here with that date instead of as
 * Glance's bare 401; any other token is Glance's to judge.
 */
async function bareToken(token: string): Promise<KeystoneToken> {
  const claims = await readJwsClaims(token)
  if (claims?.expiresAt && claims.expiresAt.getTime() <= Date.now()) {
    throw new TokenExpiredError(claims.expiresAt)
  }
  return { token, catalog: [], roles: [], expiresAt: claims?.expiresAt, userId: claims?.userId, projectId: claims?.projectId, domainId: claims?.domainId, system: claims?.system }
}

function isUnscoped(token: KeystoneToken): boolean {
  return !token.projectId && !token.domainId && !token.system
}

/** keystoneauth refreshes a token that has less than this left. */
const TOKEN_EXPIRY_MARGIN_MS = 120_000

/**
 * How long before its expiry a token is replaced. keystoneauth's two
 * minutes would make a token that lives less than that (a Keystone with
 * a short `[token] expiration`) stale on arrival, costing a token request
 * per call; such a token is used for the first half of its life instead,
 * which still leaves a call sent just before the switch half a lifetime
 * to reach Glance.
 */
function renewalMarginMs(token: KeystoneToken): number {
  const lifetimeMs = (token.expiresAt?.getTime() ?? NaN) - (token.issuedAt?.getTime() ?? NaN)
  return lifetimeMs > 0 ? Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 2) : TOKEN_EXPIRY_MARGIN_MS
}

function expiresWithin(token: KeystoneToken, ms: number, now = Date.now()): boolean {
  return token.expiresAt !== undefined && token.expiresAt.getTime() - now < ms
}

function expiresSoon(token: KeystoneToken): boolean {
  return expiresWithin(token, renewalMarginMs(token))
}
