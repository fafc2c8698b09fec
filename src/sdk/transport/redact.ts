import { createHash } from 'node:crypto'

/**
 * Headers whose values are credentials: keystoneauth's list, the service
 * token glanceclient forgets, and Keystone's multi-factor receipt (its 401
 * to a first factor carries it; with the second factor it buys a token).
 */
const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token', 'authorization', 'proxy-authorization', 'openstack-auth-receipt'])

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase())
}

/**
 * keystoneauth's redaction: a secret becomes `{SHA256}<hex digest>`, so two
 * log lines can be correlated without the value ever being printed.
 */
export function redactSecret(value: string): string {
  return `{SHA256}${createHash('sha256').update(value).digest('hex')}`
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(', ') : String(value)
    out[name] = isSecretHeader(name) ? redactSecret(text) : text
  }
  return out
}

/** JSON body keys whose values are secrets (Keystone auth requests). */
const SECRET_BODY_KEYS = new Set(['password', 'secret', 'id_token', 'access_token', 'passcode', 'client_secret'])

/** Replace secret values anywhere inside a JSON document before logging it. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_BODY_KEYS.has(k) && typeof v === 'string' ? '***' : redactJson(v)
    }
    return out
  }
  return value
}
