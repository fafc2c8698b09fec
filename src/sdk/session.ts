import type { AuthOptions, KeystoneToken } from './auth/types.js'
import { authenticate } from './auth/keystone.js'
import { findEndpoint } from './auth/catalog.js'
import { ConfigurationError } from './errors.js'
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
  private tokenPromise?: Promise<KeystoneToken>
  private endpointPromise?: Promise<string>

  constructor(options: SessionOptions) {
    this.options = options
    this.transport = options.transport ?? new HttpTransport(options)
  }

  /** The Keystone token for this session, fetched once. */
  token(signal?: AbortSignal): Promise<KeystoneToken> {
    this.tokenPromise ??= this.fetchToken(signal)
    return this.tokenPromise
  }

  private async fetchToken(signal?: AbortSignal): Promise<KeystoneToken> {
    const auth = this.options.auth
    if (!auth) throw new ConfigurationError('No authentication options given')
    // A bare token with a fixed endpoint needs no Keystone round trip (glance's
    // legacy --os-auth-token + --os-image-url mode).
    if (auth.token && this.options.endpoint && (auth.authType ?? 'token') === 'token') {
      return { token: auth.token, catalog: [], roles: [] }
    }
    try {
      return await authenticate(this.transport, auth, signal)
    } catch (err) {
      this.tokenPromise = undefined
      throw err
    }
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

  /** Send a request to a path under the Glance endpoint with the session's token. */
  async request(req: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    const base = await this.endpoint(req.signal)
    const headers = { ...req.headers }
    if (this.needsAuth()) headers['X-Auth-Token'] = (await this.token(req.signal)).token
    return this.transport.send({ ...req, url: base + req.path, headers })
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
