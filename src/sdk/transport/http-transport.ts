import type { Readable } from 'node:stream'
import { request, errors as undiciErrors, type Dispatcher } from 'undici'
import { CommunicationError, GlanceError, RequestTimeoutError, httpErrorFromResponse } from '../errors.js'
import { createDispatcher, type DispatcherOptions } from './dispatcher.js'
import { redactHeaders, redactJson } from './redact.js'
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
  /** Per-request header and idle-body timeout in milliseconds (`--timeout`). */
  timeoutMs?: number
  userAgent?: string
  /** Retry policy for idempotent requests; defaults to DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>
  /** Receives one line per request/response when debugging; secrets already redacted. */
  debug?: (line: string) => void
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

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query)
    // `Accept: */*` is what python-requests sends: Glance (webob) then words
    // its errors as HTML, the form glanceclient's messages are parsed from.
    // Without it webob answers text/plain and the messages differ.
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? 'tsglance', Accept: '*/*' }
    const json = req.json === undefined ? undefined : JSON.stringify(req.json)
    if (json !== undefined) headers['Content-Type'] = 'application/json'
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = v

    const canRetry = isIdempotent(req.method) && HttpTransport.isReplayable(req.body)
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
        const error = transportError(err, req.method, url)
        if (mayRetry && isRetriableError(error) && !req.signal?.aborted && (await this.waitBeforeRetry(req, url, retry, started, error.message))) {
          continue
        }
        throw error
      }

      const response = wrapResponse(res, req.method, url)
      this.options.debug?.(`RESP: [${res.statusCode}] ${formatHeaders(redactHeaders(res.headers))}`)
      if (req.expect.includes(res.statusCode)) return response
      const text = await response.text()
      if (text) this.options.debug?.(`RESP BODY: ${text}`)
      if (
        mayRetry &&
        isRetriableStatus(res.statusCode) &&
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

  private get retryPolicy(): RetryPolicy {
    return { ...DEFAULT_RETRY_POLICY, ...this.options.retry }
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
    try {
      await sleep(delay, req.signal)
    } catch (err) {
      throw transportError(err, req.method, url)
    }
    return true
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close()
  }

  private logRequest(req: HttpRequest, url: string, headers: Record<string, string>): void {
    const debug = this.options.debug
    if (!debug) return
    const parts = [`REQ: curl -g -i -X ${req.method} ${url}`]
    for (const [k, v] of Object.entries(redactHeaders(headers))) parts.push(`-H "${k}: ${v}"`)
    if (req.json !== undefined) parts.push(`-d '${JSON.stringify(redactJson(req.json))}'`)
    else if (req.body !== undefined) parts.push('-d <binary data>')
    debug(parts.join(' '))
  }
}

function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' ')
}

function wrapResponse(res: Dispatcher.ResponseData, method: string, url: string): HttpResponse {
  const headers = res.headers as HttpResponse['headers']
  return {
    status: res.statusCode,
    headers,
    body: res.body,
    header: (name) => headerValue(headers, name),
    async json<T>() {
      try {
        return (await res.body.json()) as T
      } catch (err) {
        throw transportError(err, method, url)
      }
    },
    async text() {
      try {
        return await res.body.text()
      } catch (err) {
        throw transportError(err, method, url)
      }
    },
    async dump() {
      await res.body.dump()
    },
  }
}
