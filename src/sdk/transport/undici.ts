/**
 * The three pieces of undici the SDK uses, loaded from their own modules.
 *
 * undici's entry point loads everything it offers (fetch, WebSocket, caches,
 * mocks, ...): ~80 ms of a CLI run that lasts ~350 ms. These modules cost
 * ~35 ms. undici publishes no `exports` map, so the paths are reachable;
 * they are internal, which is why the version is pinned exactly in
 * package.json and test/unit/sdk/undici-parts.test.ts checks they still
 * behave as the entry point's exports do.
 */
import { createRequire } from 'node:module'
import type * as Undici from 'undici'

const require = createRequire(import.meta.url)

export const EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js')
export const errors: typeof Undici.errors = require('undici/lib/core/errors.js')

// The entry point's one side effect: the request/stream/connect/... methods
// live on Dispatcher.prototype (ProxyAgent itself calls `connect`).
Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, require('undici/lib/api/index.js'))

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher }

/** undici's `request(url, options)`, always on an explicit dispatcher (never the global one). */
export function request(url: string, { dispatcher, ...options }: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const target = new URL(url)
  return dispatcher.request({ ...options, origin: target.origin, path: `${target.pathname}${target.search}` })
}
