/** oslo's strutils.bool_from_string(strict=False): anything not truthy-looking is False. */
const TRUE_STRINGS = new Set(['1', 't', 'true', 'on', 'y', 'yes'])

export function boolFromString(value: string): boolean {
  return TRUE_STRINGS.has(value.trim().toLowerCase())
}

/** Python's repr() of a str, as used in glance's messages ('x', or "it's"). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  const text = String(value)
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of text) {
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`
    else out += ch
  }
  return quote + out + quote
}
