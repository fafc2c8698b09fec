import type { AuthOptions, KeystoneToken } from './auth/types.js'
import { authenticate } from './auth/keystone.js'
import { findEndpoint } from './auth/catalog.js'
import { ConfigurationError, HTTPUnauthorized } from './errors.js'
import { HttpTransport, type HttpRequest, type HttpResponse, type TransportOptions } from './transport/http-transport.js'

export interface SessionOptions extends TransportOptions {
  /** Keystone credentials; omit (or authType 'none') with `endpoint` for noauth Glance. */
  auth?: AuthOptions
  /** Glance URL that bypasses the catalog (`--os-image-url`). */
  endpoint?: string
  /** Catalog selection (`--os-region-name`, `--os-endpoint-type`). */
  regionName?: string
  interface?: string
  /** Catalog service type of Glance (`--os-service-type`); default `image`. */
  serviceType?: string
  /** A pre-built transport to share between clients; otherwise one is created. */
  transport?: HttpTransport
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
  /** An authentication in flight, shared by concurrent callers. */
  private tokenPromise?: Promise<KeystoneToken>
  private endpointPromise?: Promise<string>

  constructor(options: SessionOptions) {
    this.options = options
    this.transport = options.transport ?? new HttpTransport(options)
  }

  /**
   * The Keystone token for this session: fetched once, and fetched again
   * only when it would expire within two minutes (keystoneauth's margin).
   */
  async token(signal?: AbortSignal): Promise<KeystoneToken> {
    if (this.currentToken && !expiresSoon(this.currentToken)) return this.currentToken
    this.tokenPromise ??= this.fetchToken(signal)
      .then((token) => (this.currentToken = token))
      .finally(() => (this.tokenPromise = undefined))
    return this.tokenPromise
  }

  /**
   * A token with a fixed endpoint needs no Keystone: glance's
   * `--os-auth-token` + `--os-image-url` mode, which wins over any other
   * credentials in the environment (an openrc's OS_AUTH_TYPE=password too).
   */
  private usesBareToken(): boolean {
    const auth = this.options.auth
    return !!auth?.token && !!this.options.endpoint && auth.authType !== 'none'
  }

  private async fetchToken(signal?: AbortSignal): Promise<KeystoneToken> {
    const auth = this.options.auth
    if (!auth) throw new ConfigurationError('No authentication options given')
    if (this.usesBareToken()) return { token: auth.token!, catalog: [], roles: [] }
    return authenticate(this.transport, auth, signal)
  }

  private needsAuth(): boolean {
    return !!this.options.auth && this.options.auth.authType !== 'none'
  }

  /** The Glance base URL, without a trailing slash or version segment. */
  endpoint(signal?: AbortSignal): Promise<string> {
    this.endpointPromise ??= (async () => {
      if (this.options.endpoint) return stripVersion(this.options.endpoint)
      const token = await this.token(signal)
      return stripVersion(
        findEndpoint(token.catalog, {
          serviceType: this.options.serviceType ?? 'image',
          interface: this.options.interface,
          regionName: this.options.regionName,
        }),
      )
    })()
    return this.endpointPromise
  }

  /**
   * Send a request to a path under the Glance endpoint with the session's
   * token. When Glance rejects the token (revoked, expired early), fetch a
   * new one and send once more, provided the body can be sent again.
   */
  async request(req: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    const base = await this.endpoint(req.signal)
    const send = async () => {
      const headers = { ...req.headers }
      if (this.needsAuth()) headers['X-Auth-Token'] = (await this.token(req.signal)).token
      return this.transport.send({ ...req, url: base + req.path, headers })
    }
    try {
      return await send()
    } catch (err) {
      const canReauthenticate = this.needsAuth() && !this.usesBareToken() && HttpTransport.isReplayable(req.body)
      if (!(err instanceof HTTPUnauthorized) || !canReauthenticate) throw err
      this.currentToken = undefined
      return send()
    }
  }

  async close(): Promise<void> {
    await this.transport.close()
  }
}

/**
 * Glance catalog entries and `--os-image-url` values may end in a version
 * (`http://h:9292/v2`); every SDK path already starts with `/v2`, so strip
 * it the way glanceclient's `strip_version` does.
 */
export function stripVersion(endpoint: string): string {
  let url = endpoint.replace(/\/+$/, '')
  const last = url.slice(url.lastIndexOf('/') + 1)
  if (/^v\d+(\.\d+)?$/.test(last)) url = url.slice(0, url.lastIndexOf('/'))
  return url
}

/** keystoneauth refreshes a token that has less than this left. */
const TOKEN_EXPIRY_MARGIN_MS = 120_000

function expiresSoon(token: KeystoneToken, now = Date.now()): boolean {
  return token.expiresAt !== undefined && token.expiresAt.getTime() - now < TOKEN_EXPIRY_MARGIN_MS
}
