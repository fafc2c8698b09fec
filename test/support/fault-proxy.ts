/**
 * A small HTTP proxy for fault-injection tests: it listens on a random port
 * of 127.0.0.1, forwards every request to one target origin (Glance or
 * Keystone of the test stack) and, for the requests a rule matches, breaks
 * the exchange the way real networks and servers do: a connection reset in
 * the middle of an upload or a download, an error status (with or without
 * Retry-After), a server that never answers, a body cut short of its
 * Content-Length, a flipped byte, a 401. Every request is recorded so tests
 * can assert what the client did (retries, re-authentication, Range
 * requests, bytes transferred).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Fault =
  /** Forward the request, but reset the client's connection once N bytes of its body have arrived. */
  | { kind: 'reset-request'; afterBytes: number }
  /** Forward the response headers and N bytes of its body, then reset the connection. */
  | { kind: 'reset-response'; afterBytes: number }
  /** Answer with this status without forwarding (401 once, 500, 502, 503...). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Accept the request and never answer, so the client's timeout fires. */
  | { kind: 'stall' }
  /** Send the promised Content-Length but only N bytes of the body, then close cleanly (FIN). */
  | { kind: 'truncate'; afterBytes: number }
  /** Forward the response with the body byte at this offset inverted. */
  | { kind: 'flip-byte'; offset: number }

export interface FaultRule {
  /** HTTP method to match; any when absent. */
  method?: string
  /** Matched against the request path (with its query string). */
  path: RegExp
  /** How many matching requests the fault applies to (the first K); default 1. */
  times?: number
  fault: Fault
}

export interface SeenRequest {
  method: string
  path: string
  /** Request headers, lower-case, without tokens or credentials. */
  headers: Record<string, string>
  /** Status sent to the client (undefined when the connection was broken before one). */
  status?: number
  /** The fault applied to this request, if any. */
  fault?: Fault['kind']
  /** Request body bytes received from the client. */
  requestBytes: number
  /** Response body bytes sent to the client. */
  responseBytes: number
}

const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'authorization', 'cookie', 'x-service-token'])

interface ActiveRule extends FaultRule {
  remaining: number
}

export class FaultProxy {
  /** Requests seen, in arrival order. */
  readonly requests: SeenRequest[] = []
  private rules: ActiveRule[] = []
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly target: URL

  private constructor(target: string) {
    this.target = new URL(target)
    this.server = createServer((req, res) => this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  /** Start a proxy in front of `target` (an origin such as http://127.0.0.1:9292). */
  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Replace the rules (and forget the recorded requests) for the next test. */
  setRules(...rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, remaining: rule.times ?? 1 }))
    this.requests.length = 0
  }

  /** Recorded requests whose method and path match. */
  seen(method: string, path: RegExp): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path))
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (!r.method || r.method === method) && r.path.test(path))
    if (!rule) return undefined
    rule.remaining--
    return rule.fault
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const fault = this.takeFault(method, path)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !SECRET_HEADERS.has(k)) headers[k] = String(v)
    const seen: SeenRequest = { method, path, headers, fault: fault?.kind, requestBytes: 0, responseBytes: 0 }
    this.requests.push(seen)
    req.on('data', (chunk: Buffer) => (seen.requestBytes += chunk.length))

    if (fault?.kind === 'stall') {
      req.resume()
      return
    }
    if (fault?.kind === 'status') {
      req.resume()
      req.on('end', () => {
        const body = `<html><body><h1>${fault.status} Injected fault</h1></body></html>\n`
        seen.status = fault.status
        seen.responseBytes = Buffer.byteLength(body)
        res.writeHead(fault.status, {
          'Content-Type': 'text/html; charset=UTF-8',
          'Content-Length': String(Buffer.byteLength(body)),
          ...(fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}),
        })
        res.end(body)
      })
      return
    }

    const upstream = httpRequest({
      host: this.target.hostname,
      port: this.target.port,
      method,
      path,
      headers: { ...req.headers, host: this.target.host },
    })
    upstream.on('error', () => req.socket.destroy())
    if (fault?.kind === 'reset-request') {
      let received = 0
      req.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received >= fault.afterBytes && !req.socket.destroyed) {
          // The client sees its connection reset; Glance sees the upload stop.
          req.socket.resetAndDestroy()
          upstream.destroy()
        }
      })
    }
    req.pipe(upstream)
    upstream.on('response', (up) => this.relay(up, res, seen, fault))
  }

  private relay(up: IncomingMessage, res: ServerResponse, seen: SeenRequest, fault: Fault | undefined): void {
    seen.status = up.statusCode
    res.writeHead(up.statusCode ?? 502, up.statusMessage, up.headers)
    let offset = 0
    up.on('data', (data: Buffer) => {
      let chunk = data
      const start = offset
      offset += chunk.length
      if (fault?.kind === 'flip-byte' && fault.offset >= start && fault.offset < offset) {
        chunk = Buffer.from(chunk)
        chunk[fault.offset - start] ^= 0xff
      }
      if ((fault?.kind === 'reset-response' || fault?.kind === 'truncate') && offset >= fault.afterBytes) {
        const kept = chunk.subarray(0, fault.afterBytes - start)
        seen.responseBytes += kept.length
        up.destroy()
        res.write(kept, () => {
          if (fault.kind === 'truncate') res.socket?.end()
          else res.socket?.resetAndDestroy()
        })
        return
      }
      seen.responseBytes += chunk.length
      if (!res.write(chunk)) {
        up.pause()
        res.once('drain', () => up.resume())
      }
    })
    up.on('end', () => res.end())
    up.on('error', () => res.socket?.destroy())
  }
}
