/**
 * The pieces of undici the SDK uses, loaded from their own modules, and a
 * workaround for one of its bugs (see `connector`).
 *
 * undici's entry point loads everything it offers (fetch, WebSocket, caches,
 * mocks, ...): ~80 ms of a CLI run that lasts ~350 ms. These modules cost
 * ~35 ms. undici publishes no `exports` map, so the paths are reachable;
 * they are internal, which is why the version is pinned exactly in
 * package.json and test/unit/sdk/undici-parts.test.ts checks they still
 * behave as the entry point's exports do. They are static imports (of
 * CommonJS modules: the default import is `module.exports`) so that the CLI
 * bundle (rolldown.config.mjs) carries them.
 */
import type { Socket } from 'node:net'
import type * as Undici from 'undici'
import apiMethods from 'undici/lib/api/index.js'
import buildConnector from 'undici/lib/core/connect.js'
import undiciErrors from 'undici/lib/core/errors.js'
import undiciSymbols from 'undici/lib/core/symbols.js'
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js'
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js'

export const EnvHttpProxyAgent = EnvHttpProxyAgentClass as typeof Undici.EnvHttpProxyAgent
export const errors = undiciErrors as typeof Undici.errors

// The entry point's one side effect: the request/stream/connect/... methods
// live on Dispatcher.prototype (ProxyAgent itself calls `connect`).
Object.assign((DispatcherClass as { prototype: object }).prototype, apiMethods)

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher }

/** undici's `request(url, options)`, always on an explicit dispatcher (never the global one). */
export function request(url: string, { dispatcher, ...options }: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const target = new URL(url)
  return dispatcher.request({ ...options, origin: target.origin, path: `${target.pathname}${target.search}` })
}

/**
 * undici's connector (TCP or TLS, with its keep-alive and timeout), wrapped
 * to work around nodejs/undici#5360 in the pinned 7.x line: when a server
 * closes the connection after a response (Glance answers every request with
 * `Connection: close`) while the reader of the body is behind, undici's
 * HTTP/1 parser is paused at the moment the socket ends and an assertion in
 * its socket 'end' handler crashes the process, uncatchably. The fix upstream
 * (nodejs/undici#5474) is only in undici 8, which needs Node 22.
 */
export function connector(options: Undici.buildConnector.BuildOptions): Undici.buildConnector.connector {
  const connect = (buildConnector as typeof Undici.buildConnector)(options)
  return (opts, callback) =>
    connect(opts, (...result) => {
      const socket = result[1]
      // Runs before undici's own 'end' listener, and only once a parser exists.
      socket?.prependOnceListener('end', () => finishPausedParsersOnEnd((socket as unknown as Record<symbol, unknown>)[kParser]))
      callback(...result)
    })
}

const { kParser } = undiciSymbols as { kParser: symbol }
const FINISH_PATCHED = Symbol('tsglance: finishes a paused parser on socket end')

/** undici's HTTP/1 parser, as far as the workaround touches it. */
interface H1Parser {
  paused: boolean
  ptr: number | null
  socket: Socket
  llhttp: { llhttp_resume(ptr: number): void }
  resume(): void
  finish(): Error | null
}

/**
 * Patch the parser class (once, through the first parser seen) so that
 * `finish()` on a paused parser first hands the reader every byte still held,
 * backpressure notwithstanding (at most what the ended socket holds), and
 * then completes the response as for an unpaused one. A body cut short still
 * fails (content-length mismatch, invalid EOF state); test/unit/sdk/
 * paused-socket-end.test.ts covers each framing.
 */
function finishPausedParsersOnEnd(parser: unknown): void {
  if (!parser) return
  const proto = Object.getPrototypeOf(parser) as H1Parser & { [FINISH_PATCHED]?: true }
  if (proto[FINISH_PATCHED]) return
  proto[FINISH_PATCHED] = true
  const { finish } = proto
  proto.finish = function (this: H1Parser) {
    // Resuming runs the parser over what the socket still holds: a
    // content-length or chunked body completes here.
    if (this.paused && !this.socket.destroyed) this.resume()
    while (this.paused && !this.socket.destroyed && this.socket.readableLength > 0) this.resume()
    if (this.socket.destroyed || this.ptr === null) return null
    // A body that runs to EOF re-pauses on an empty chunk: unpause it for
    // llhttp's EOF completion.
    if (this.paused) {
      this.llhttp.llhttp_resume(this.ptr)
      this.paused = false
    }
    return finish.call(this)
  }
}
