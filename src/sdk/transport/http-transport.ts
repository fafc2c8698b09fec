import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { request, errors as undiciErrors } from './undici.js'
import { CommunicationError, GlanceError, InvalidResponseError, RequestTimeoutError, SSLError, httpErrorFromResponse } from '../errors.js'
import { createDispatcher, type DispatcherOptions } from './dispatcher.js'
import { isSecretHeader, redactHeaders, redactJson } from './redact.js'
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  isIdempotent,
  isRetriableError,
  isRetriableStatus,
  retryAfterMs,
  sleep,
  type RetryPolicy,
} from './retry.js'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[]
export type RequestBody = Buffer | string | Readable | AsyncIterable<Uint8Array>
/**
 * A body the transport may send more than once: bytes in memory, or a
 * function that opens the source afresh (a file). A stream given directly is
 * sent once and never replayed, since its bytes are gone after the first try.
 */
export type ReplayableBody = Buffer | string | (() => Readable)

export interface HttpRequest {
  method: HttpMethod
  url: string | URL
  query?: Record<string, QueryValue>
  headers?: Record<string, string | undefined>
  /** Serialised as JSON with `Content-Type: application/json` unless headers say otherwise. */
  json?: unknown
  /** Raw body (image data); not logged. A function is called once per attempt. */
  body?: RequestBody | (() => Readable)
  /** Status codes that count as success; anything else becomes a typed HttpError. */
  expect: readonly number[]
  signal?: AbortSignal
  /** Retry this request although its method is not idempotent: sending it twice does no harm (a Keystone token request). */
  retrySafe?: boolean
  /** Awaited after the backoff, before a retry is sent: lets the caller wait until the server is ready for it. */
  beforeRetry?: () => Promise<void>
  /** A status worth retrying for this request only, given the attempt (0 = first) it answered. */
  alsoRetry?: (status: number, attempt: number) => boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The undici body stream; consume it, or call `dump()`. */
  body: Dispatcher.ResponseData['body']
  header(name: string): string | undefined
  json<T>(): Promise<T>
  text(): Promise<string>
  dump(): Promise<void>
}

export interface TransportOptions extends DispatcherOptions {
  /** Injected connection layer (tests, custom pools). Owned by the caller. */
  dispatcher?: Dispatcher
  /** Per-request header and idle-body timeout in milliseconds. */
  timeoutMs?: number
  userAgent?: string
  /**
   * `Accept` of every request; default `application/json`, so Glance words
   * its errors as JSON. (The CLI sends python-requests' `*\/*`, for which
   * Glance answers HTML, the form glance's messages are parsed from.)
   */
  accept?: string
  /** Retry policy for idempotent requests; defaults to DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>
  /** Receives one line per request/response when debugging; secrets already redacted. */
  debug?: (line: string) => void
  /**
   * Called once, on the first HTTPS request sent with `insecure` (no
   * certificate verification), with that request's host: where an
   * application warns its user, as urllib3's InsecureRequestWarning does.
   */
  onInsecureRequest?: (host: string) => void
}

export function buildUrl(url: string | URL, query?: Record<string, QueryValue>): string {
  const target = new URL(url)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) target.searchParams.append(key, String(item))
    else target.searchParams.append(key, String(value))
  }
  return target.toString()
}

function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * Node's codes for a failed TLS handshake: OpenSSL's verification results
 * (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN,
 * CERT_HAS_EXPIRED, ...), the host-name check, and protocol errors
 * (ERR_SSL_WRONG_VERSION_NUMBER: https to a plain-HTTP port).
 */
const TLS_FAILURE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_|^ERR_TLS_|^ERR_SSL_|HOSTNAME_MISMATCH/

/** Translate undici's transport failures into the SDK's error family. */
function transportError(err: unknown, method: string, url: string): GlanceError {
  if (err instanceof GlanceError) return err
  const e = err as Error & { code?: string; cause?: Error & { code?: string } }
  if (e.name === 'AbortError' || e.code === 'UND_ERR_ABORTED') {
    return new GlanceError(`Request aborted: ${method} ${url}`, { cause: err })
  }
  if (
    err instanceof undiciErrors.ConnectTimeoutError ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError
  ) {
    return new RequestTimeoutError(`Error communicating with ${url}: ${e.message}`, { cause: err })
  }
  const reason = e.cause?.message ?? e.message
  const tlsCode = [e.code, e.cause?.code].find((code) => code && TLS_FAILURE_CODE.test(code))
  if (tlsCode) {
    // keystoneauth's wording, with the reason Node gives instead of urllib3's chain of wrappers.
    const verifyFailed = !tlsCode.startsWith('ERR_SSL_') ? 'certificate verify failed: ' : ''
    return new SSLError(`SSL exception connecting to ${url}: ${verifyFailed}${reason}`, { cause: err })
  }
  return new CommunicationError(`Error finding address for ${url}: ${reason}`, { cause: err })
}

/**
 * One HTTP exchange over undici: builds the URL, serialises JSON, adds the
 * user agent, logs redacted request/response lines, and turns unexpected
 * statuses into typed errors (after reading the error body). Authentication
 * lives one layer up, in Session.
 */
export class HttpTransport {
  readonly dispatcher: Dispatcher
  private readonly ownsDispatcher: boolean
  private readonly options: TransportOptions

  constructor(options: TransportOptions = {}) {
    this.options = options
    this.ownsDispatcher = !options.dispatcher
    this.dispatcher =
      options.dispatcher ?? createDispatcher({ ...options, connectTimeoutMs: options.connectTimeoutMs ?? options.timeoutMs })
  }

  /** A body that can be produced again for another attempt. */
  static isReplayable(body: HttpRequest['body']): boolean {
    return body === undefined || typeof body === 'string' || Buffer.isBuffer(body) || typeof body === 'function'
  }

  /**
   * Send a request, following the redirects of a GET or HEAD (up to
   * MAX_REDIRECTS). Credential headers go only to the origin they were
   * meant for: a hop to another scheme, host or port drops them
   * (docs/decisions/0008-tls-redirects-token-lifetime.md). Other methods get
   * the 3xx as the typed error it is, their body never resent elsewhere.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    if (!FOLLOWED_METHODS.has(req.method)) return this.sendOnce(req)
    const redirectsExpected = req.expect.filter((status) => REDIRECT_STATUSES.has(status))
    const expect = [...req.expect, ...[...REDIRECT_STATUSES].filter((status) => !redirectsExpected.includes(status))]
    const origin = new URL(req.url).origin
    let hop: HttpRequest = req
    for (let redirects = 0; ; redirects++) {
      const response = await this.sendOnce({ ...hop, expect })
      if (!REDIRECT_STATUSES.has(response.status) || redirectsExpected.includes(response.status)) return response
      const from = buildUrl(hop.url, hop.query)
      await response.dump()
      const location = response.header('location')
      if (!location) throw new CommunicationError(`Redirect (HTTP ${response.status}) without a Location from ${req.method} ${from}`)
      const target = new URL(location, from)
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new CommunicationError(`Refusing to follow a redirect from ${from} to ${target.protocol} URL`)
      }
      if (redirects === MAX_REDIRECTS) throw new CommunicationError(`Too many redirects (more than ${MAX_REDIRECTS}) for ${req.method} ${buildUrl(req.url, req.query)}`)
      const sameOrigin = target.origin === origin
      this.options.debug?.(`Redirected (HTTP ${response.status}) to ${target}${sameOrigin ? '' : '; another origin: credentials not sent'}`)
      hop = { ...hop, url: target, query: undefined, headers: sameOrigin ? hop.headers : withoutCredentials(hop.headers) }
    }
  }

  private async sendOnce(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query)
    this.noticeInsecureRequest(url)
    const headers = this.requestHeaders(req)
    const json = req.json === undefined ? undefined : JSON.stringify(req.json)

    const canRetry = (isIdempotent(req.method) || req.retrySafe === true) && HttpTransport.isReplayable(req.body)
    const started = Date.now()
    for (let retry = 0; ; retry++) {
      const mayRetry = canRetry && retry < this.retryPolicy.retries
      const body = json ?? (typeof req.body === 'function' ? req.body() : req.body)
      this.logRequest(req, url, headers)
      let res: Dispatcher.ResponseData
      try {
        res = await request(url, {
          method: req.method,
          headers,
          body: body as Dispatcher.DispatchOptions['body'],
          dispatcher: this.dispatcher,
          signal: req.signal,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        })
      } catch (err) {
        // The caller's cancellation reaches the caller as the reason it gave, untouched.
        if (req.signal?.aborted) throw req.signal.reason
        const error = transportError(err, req.method, url)
        if (mayRetry && isRetriableError(error) && !req.signal?.aborted && (await this.waitBeforeRetry(req, url, retry, started, error.message))) {
          continue
        }
        throw error
      }

      const response = wrapResponse(res, req.method, url, req.signal)
      this.options.debug?.(`RESP: [${res.statusCode}] ${formatHeaders(redactHeaders(res.headers))}`)
      if (req.expect.includes(res.statusCode)) return response
      const text = await response.text()
      if (text) this.options.debug?.(`RESP BODY: ${text}`)
      if (
        mayRetry &&
        (isRetriableStatus(res.statusCode) || req.alsoRetry?.(res.statusCode, retry) === true) &&
        (await this.waitBeforeRetry(req, url, retry, started, `HTTP ${res.statusCode}`, response.header('retry-after')))
      ) {
        continue
      }
      throw httpErrorFromResponse({
        status: res.statusCode,
        method: req.method,
        url,
        requestId: response.header('x-openstack-request-id'),
        contentType: response.header('content-type') ?? '',
        body: text,
      })
    }
  }

  private insecureRequestNoticed = false

  private noticeInsecureRequest(url: string): void {
    if (this.insecureRequestNoticed || !this.options.insecure || !url.startsWith('https:')) return
    this.insecureRequestNoticed = true
    this.options.onInsecureRequest?.(new URL(url).host)
  }

  /** The policy in force; also bounds retries made above the transport (a download resumed after its body broke off). */
  get retryPolicy(): RetryPolicy {
    return { ...DEFAULT_RETRY_POLICY, ...this.options.retry }
  }

  /** Write a line to the debug log, for retries decided above the transport. */
  debugLog(line: string): void {
    this.options.debug?.(line)
  }

  /**
   * Wait the backoff, or the server's Retry-After when it asks for longer;
   * false (no wait) when that would overrun the policy's total time.
   */
  private async waitBeforeRetry(
    req: HttpRequest,
    url: string,
    retry: number,
    started: number,
    reason: string,
    retryAfter?: string,
  ): Promise<boolean> {
    const delay = Math.max(backoffDelayMs(retry, this.retryPolicy), retryAfterMs(retryAfter) ?? 0)
    if (Date.now() + delay - started > this.retryPolicy.maxElapsedMs) return false
    this.options.debug?.(`Retrying ${req.method} ${url} in ${(delay / 1000).toFixed(1)}s (${reason}; retry ${retry + 1} of ${this.retryPolicy.retries})`)
    await sleep(delay, req.signal)
    await req.beforeRetry?.()
    return true
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close()
  }

  /** Every header the request goes out with, in the order sent (unredacted). */
  requestHeaders(req: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? 'tsglance', Accept: this.options.accept ?? 'application/json' }
    if (req.json !== undefined) headers['Content-Type'] = 'application/json'
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = v
    return headers
  }

  private logRequest(req: HttpRequest, url: string, headers: Record<string, string>): void {
    this.options.debug?.(`REQ: ${curlCommand(req, url, headers)}`)
  }
}

/**
 * A request as the curl command line the debug log shows (and a dry run records):
 * credential headers as digests, secrets in JSON bodies masked, image data
 * as `<binary data>`.
 */
export function curlCommand(req: Pick<HttpRequest, 'method' | 'json' | 'body'>, url: string, headers: Record<string, string>): string {
  const parts = [`curl -g -i -X ${req.method} ${url}`]
  for (const [k, v] of Object.entries(redactHeaders(headers))) parts.push(`-H "${k}: ${v}"`)
  if (req.json !== undefined) parts.push(`-d '${JSON.stringify(redactJson(req.json))}'`)
  else if (req.body !== undefined) parts.push('-d <binary data>')
  return parts.join(' ')
}

/** Methods whose redirects are followed: nothing is sent but the request line and headers. */
const FOLLOWED_METHODS = new Set<HttpMethod>(['GET', 'HEAD'])
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

function withoutCredentials(headers: HttpRequest['headers']): HttpRequest['headers'] {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !isSecretHeader(name)))
}

function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' ')
}

function wrapResponse(res: Dispatcher.ResponseData, method: string, url: string, signal: AbortSignal | undefined): HttpResponse {
  const headers = res.headers as HttpResponse['headers']
  const failure = (err: unknown) => (signal?.aborted ? signal.reason : transportError(err, method, url))
  return {
    status: res.statusCode,
    headers,
    body: res.body,
    header: (name) => headerValue(headers, name),
    async json<T>() {
      try {
        return (await res.body.json()) as T
      } catch (err) {
        // Say what came back instead of the JSON parser's complaint about its first character.
        if (err instanceof SyntaxError) {
          const type = headerValue(headers, 'content-type') ?? 'no Content-Type'
          throw new InvalidResponseError(`Invalid response from ${url}: expected JSON, got ${type} (HTTP ${res.statusCode})`, { cause: err })
        }
        throw failure(err)
      }
    },
    async text() {
      try {
        return await res.body.text()
      } catch (err) {
        throw failure(err)
      }
    },
    async dump() {
      await res.body.dump()
    },
  }
}
