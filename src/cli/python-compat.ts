/** oslo's strutils.bool_from_string(strict=False): anything not truthy-looking is False. */
const TRUE_STRINGS = new Set(['1', 't', 'true', 'on', 'y', 'yes'])

export function boolFromString(value: string): boolean {
  return TRUE_STRINGS.has(value.trim().toLowerCase())
}
