import { Flags } from '@oclif/core'

/** oslo's strutils.bool_from_string(strict=False): anything not truthy-looking is False. */
const TRUE_STRINGS = new Set(['1', 't', 'true', 'on', 'y', 'yes'])

export function boolFromString(value: string): boolean {
  return TRUE_STRINGS.has(value.trim().toLowerCase())
}

/**
 * argparse's `action='append'`: one value per occurrence, so a positional
 * after it stays a positional (`image-update --property k=v <IMAGE_ID>`).
 * oclif's `multiple` flags are greedy by default and would swallow the id.
 */
export const appendFlag = (description: string, extra: { helpValue?: string; options?: string[] } = {}) =>
  Flags.string({ description, ...extra, multiple: true, multipleNonGreedy: true })
