// Python's str(), repr() and json.dumps() of values parsed from JSON, the
// text glance puts in its table cells.
//
// Numbers: JSON.parse cannot tell 1.0 from 1 (and Node 20 has no source
// text access in the reviver), so every integral number is rendered as a
// Python int ('1', never '1.0') and every other number as a Python float
// repr ('0.5', '1e-05'). Glance sends integers for all numeric API fields
// and strings for user properties, so a float with a '.0' is rare. Integers
// beyond 2**53 have already lost precision in JSON.parse.
//
// Dicts keep the JS object's key order, which JSON.parse already changed
// for integer-like keys ("10" comes before "b"); Python keeps the server's.
//
// undefined means "absent", as in JSON.stringify: object properties holding
// it are skipped, and as a value it renders like None.

/** A value as JSON.parse returns it (undefined allowed for optional props). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue }

/** The entries Python would see in the dict, in insertion order. */
export function dictEntries(dict: object): [string, JsonValue][] {
  return Object.entries(dict).filter(
    (entry): entry is [string, JsonValue] => entry[1] !== undefined,
  )
}

function isDict(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Python truthiness: None, False, 0, '', [] and {} are falsy. */
export function isFalsy(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0
  if (isDict(value)) return dictEntries(value).length === 0
  // Unlike JS, Python's NaN is truthy.
  return typeof value === 'number' ? value === 0 : !value
}

function intString(value: number): string {
  // String(1e21) is '1e+21'; a Python int never uses an exponent.
  return Math.abs(value) < 1e21 ? String(value === 0 ? 0 : value) : BigInt(value).toString()
}

/** float.__repr__: shortest round-trip digits, exponent below 1e-4 or from 1e16. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  const sign = value < 0 ? '-' : ''
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string]
  const digits = mantissa.replace('.', '')
  // Position of the decimal point relative to the start of `digits`.
  const point = Number(exponent) + 1
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
  }
  const exponentValue = point - 1
  const exponentText = `${exponentValue < 0 ? '-' : '+'}${String(Math.abs(exponentValue)).padStart(2, '0')}`
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : ''
  return `${sign}${digits[0]}${fraction}e${exponentText}`
}

/** Python's round-half-to-even of a double to an integer. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value)
  const fraction = value - floor
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1
  return floor % 2 === 0 ? floor : floor + 1
}

/** '%.1f' % value. */
export function formatOneDecimal(value: number): string {
  // toFixed() rounds exact ties away from zero, Python rounds them to even.
  // A tie at one decimal is exactly representable only when 4 * value is odd.
  const quarters = value * 4
  if (Number.isInteger(quarters) && quarters % 2 !== 0) {
    return (roundHalfEven(value * 10) / 10).toFixed(1)
  }
  return value.toFixed(1)
}

function numberString(value: number): string {
  return Number.isInteger(value) ? intString(value) : floatRepr(value)
}

/**
 * Py_UNICODE_ISPRINTABLE is false for categories C* and Z*, except ' '.
 * Node's Unicode data is newer than Python 3.11's (14.0), so a character
 * assigned since then is escaped by Python as unassigned but not here.
 */
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u

function hexEscape(codePoint: number): string {
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, '0')}`
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`
  return `\\U${codePoint.toString(16).padStart(8, '0')}`
}

/** repr() of a str: single quotes unless the text has ' but no ". */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = quote
  for (const char of text) {
    const codePoint = char.codePointAt(0)!
    if (char === quote || char === '\\') out += `\\${char}`
    else if (char === '\t') out += '\\t'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (codePoint < 0x20 || codePoint === 0x7f) out += hexEscape(codePoint)
    else if (codePoint > 0x7f && NON_PRINTABLE.test(char)) out += hexEscape(codePoint)
    else out += char
  }
  return out + quote
}

/** Python repr(), as str() shows values nested in a list or dict. */
export function pyRepr(value: JsonValue): string {
  if (typeof value === 'string') return stringRepr(value)
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => pyRepr(item)).join(', ')}]`
  if (isDict(value)) {
    return `{${dictEntries(value)
      .map(([key, item]) => `${stringRepr(key)}: ${pyRepr(item)}`)
      .join(', ')}}`
  }
  return pyStr(value)
}

/** Python str(): what prettytable puts in a cell. */
export function pyStr(value: JsonValue): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberString(value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value === null || value === undefined) return 'None'
  return pyRepr(value)
}

/** json.dumps(..., ensure_ascii=True) escapes for one UTF-16 code unit. */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

function jsonString(text: string): string {
  // Iterating UTF-16 code units turns astral characters into the surrogate
  // pair escapes Python writes ('\ud83d\ude00').
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const char = text[i]!
    const shortEscape = JSON_SHORT_ESCAPES[char]
    if (shortEscape !== undefined) out += shortEscape
    else if (unit < 0x20 || unit > 0x7e) out += `\\u${unit.toString(16).padStart(4, '0')}`
    else out += char
  }
  return out + '"'
}

/** Python json.dumps(value) with its defaults (ensure_ascii, ', ' and ': '). */
export function jsonDumps(value: JsonValue): string {
  if (typeof value === 'string') return jsonString(value)
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN'
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
    return numberString(value)
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => jsonDumps(item)).join(', ')}]`
  return `{${dictEntries(value)
    .map(([key, item]) => `${jsonString(key)}: ${jsonDumps(item)}`)
    .join(', ')}}`
}
