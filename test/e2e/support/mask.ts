/**
 * Make two runs comparable: ids, timestamps and per-run names differ between
 * the glance run and the tsglance run. Each is replaced by a placeholder of
 * the same width so table borders stay comparable byte for byte.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/g
const REQUEST_ID = /req-[0-9a-f-]{36}/g

function sameWidth(token: string, fill: string): string {
  return fill.padEnd(token.length, '_').slice(0, token.length)
}

export function mask(text: string, extra: (string | RegExp)[] = []): string {
  let out = text
  for (const pattern of extra) {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : pattern
    out = out.replace(re, (m) => sameWidth(m, '<VAR>'))
  }
  return out
    .replace(REQUEST_ID, (m) => sameWidth(m, '<REQ>'))
    .replace(UUID, (m) => sameWidth(m, '<UUID>'))
    .replace(TIMESTAMP, (m) => sameWidth(m, '<TIME>'))
}
