import { readFileSync } from 'node:fs'
import type { Dispatcher } from 'undici'
import { connector, EnvHttpProxyAgent } from './undici.js'
import { ConfigurationError } from '../errors.js'

export interface TlsOptions {
  /** Skip server certificate verification. */
  insecure?: boolean
  /** PEM CA bundle path (`OS_CACERT`, clouds.yaml `cacert`). */
  caFile?: string
  /** Client certificate and key paths (`OS_CERT`, `OS_KEY`). */
  certFile?: string
  keyFile?: string
}

export interface DispatcherOptions extends TlsOptions {
  /** Connect timeout in milliseconds. */
  connectTimeoutMs?: number
}

function readPem(path: string | undefined, what: string): Buffer | undefined {
  if (!path) return undefined
  try {
    return readFileSync(path)
  } catch (err) {
    throw new ConfigurationError(`Unable to read ${what} file ${path}: ${(err as Error).message}`)
  }
}

/**
 * The SDK's own connection pool: keep-alive sockets, the TLS settings of the
 * glance global flags, and HTTP(S)_PROXY / NO_PROXY from the environment
 * (EnvHttpProxyAgent falls back to a plain Agent when no proxy is set).
 * Never installed globally: it is passed to each undici call.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const tls = {
    ca: readPem(options.caFile, 'CA certificate'),
    cert: readPem(options.certFile, 'client certificate'),
    key: readPem(options.keyFile, 'client key'),
    rejectUnauthorized: !options.insecure,
  }
  return new EnvHttpProxyAgent({
    keepAliveTimeout: 10_000,
    connections: 16,
    // undici's own connector with these options, plus a workaround (undici.ts).
    connect: connector({ ...tls, timeout: options.connectTimeoutMs }),
    requestTls: tls,
  })
}
