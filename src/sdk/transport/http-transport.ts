import type { Readable } from 'node:stream'
import { request, errors as undiciErrors, type Dispatcher } from 'undici'
import { CommunicationError, GlanceError, RequestTimeoutError, httpErrorFromResponse } from '../errors.js'
import { createDispatcher, type DispatcherOptions } from './dispatcher.js'
import { redactHeaders, redactJson } from './redact.js'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[]
export type RequestBody = Buffer | string | Readable | AsyncIterable<Uint8Array>

export interface HttpRequest {
  method: HttpMethod
  url: string | URL
  query?: Record<string, QueryValue>
  headers?: Record<string, string | undefined>
  /** Serialised as JSON with `Content-Type: application/json` unless headers say otherwise. */
  json?: unknown
  /** Raw body (image data); not logged. */
  body?: RequestBody
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

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query)
    // `Accept: */*` is what python-requests sends: Glance (webob) then words
    // its errors as HTML, the form glanceclient's messages are parsed from.
    // Without it webob answers text/plain and the messages differ.
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? 'tsglance', Accept: '*/*' }
    let body: RequestBody | undefined = req.body
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(req.json)
    }
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = v

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
      throw transportError(err, req.method, url)
    }

    const response = wrapResponse(res, req.method, url)
    this.options.debug?.(`RESP: [${res.statusCode}] ${formatHeaders(redactHeaders(res.headers))}`)
    if (!req.expect.includes(res.statusCode)) {
      const text = await response.text()
      if (text) this.options.debug?.(`RESP BODY: ${text}`)
      throw httpErrorFromResponse({
        status: res.statusCode,
        method: req.method,
        url,
        requestId: response.header('x-openstack-request-id'),
        contentType: response.header('content-type') ?? '',
        body: text,
      })
    }
    return response
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
