/**
 * msw 2 cannot see undici's own request/stream calls, so unit tests hand the
 * SDK a Dispatcher whose interceptor answers every request from msw handlers
 * via `getResponse()`. The network is never touched: an unhandled request
 * fails the call.
 */
import { Agent, type Dispatcher } from 'undici'
import { getResponse, type RequestHandler } from 'msw'

export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: Buffer
}

export interface MockDispatcher {
  dispatcher: Dispatcher
  /** Every request seen, in order (bodies fully read). */
  requests: RecordedRequest[]
  /** Prepend handlers for one test (like msw's server.use). */
  use(...handlers: RequestHandler[]): void
  reset(): void
}

async function collectBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0)
  if (typeof body === 'string') return Buffer.from(body)
  if (body instanceof Uint8Array) return Buffer.from(body)
  const chunks: Buffer[] = []
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

function flattenHeaders(raw: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  if (!raw) return out
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1])
  } else {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v)
    }
  }
  return out
}

export function createMockDispatcher(...initial: RequestHandler[]): MockDispatcher {
  let handlers = [...initial]
  const requests: RecordedRequest[] = []

  const interceptor: Dispatcher.DispatcherComposeInterceptor = () => (opts, handler) => {
    const h = handler as Dispatcher.DispatchHandler
    let aborted = false
    const controller = {
      abort(reason: Error) {
        aborted = true
        h.onResponseError?.(controller as never, reason)
      },
      pause() {},
      resume() {},
      get aborted() {
        return aborted
      },
      paused: false,
      reason: null,
    }
    void (async () => {
      try {
        h.onRequestStart?.(controller as never, {})
        const url = new URL(opts.path, opts.origin as string).toString()
        const headers = flattenHeaders(opts.headers)
        const body = await collectBody(opts.body)
        requests.push({ method: opts.method, url, headers, body })
        const hasBody = body.length > 0 && opts.method !== 'GET' && opts.method !== 'HEAD'
        const req = new Request(url, { method: opts.method, headers, body: hasBody ? body : undefined })
        const res = await getResponse(handlers, req)
        if (!res) throw new Error(`msw: no handler for ${opts.method} ${url}`)
        if (aborted) return
        // HttpResponse.error(): the server cannot be reached, as Node reports a refused connection.
        if (res.type === 'error') {
          const host = new URL(url).host
          throw Object.assign(new Error(`connect ECONNREFUSED ${host}`), { code: 'ECONNREFUSED' })
        }
        const resHeaders: Record<string, string> = {}
        res.headers.forEach((v, k) => (resHeaders[k] = v))
        h.onResponseStart?.(controller as never, res.status, resHeaders, res.statusText)
        if (res.body) {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            if (aborted) return
            h.onResponseData?.(controller as never, Buffer.from(chunk))
          }
        }
        h.onResponseEnd?.(controller as never, {})
      } catch (err) {
        if (!aborted) h.onResponseError?.(controller as never, err as Error)
      }
    })()
    return true
  }

  return {
    dispatcher: new Agent().compose(interceptor),
    requests,
    use: (...more) => {
      handlers = [...more, ...handlers]
    },
    reset: () => {
      handlers = [...initial]
      requests.length = 0
    },
  }
}
