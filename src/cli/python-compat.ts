import { Errors, Flags } from '@oclif/core'
import { pyRepr } from './render/pyformat.js'

/** oslo's strutils spellings, matched after strip() and lower(). */
const TRUE_STRINGS = ['1', 'on', 't', 'true', 'y', 'yes']
const FALSE_STRINGS = ['0', 'f', 'false', 'n', 'no', 'off']
const ACCEPTED = [...TRUE_STRINGS, ...FALSE_STRINGS]
  .sort()
  .map((s) => `'${s}'`)
  .join(', ')

/**
 * oslo's strutils.bool_from_string(strict=True), as argparse's `type`: an
 * unknown spelling is a usage error naming the value, where glance 4.1.0's
 * strict=False read it as False (decisions/0019).
 */
export function strictBoolFromString(value: string): boolean {
  const lowered = value.trim().toLowerCase()
  if (TRUE_STRINGS.includes(lowered)) return true
  if (FALSE_STRINGS.includes(lowered)) return false
  throw new Errors.CLIError(`invalid boolean value: ${pyRepr(value)} (acceptable values are: ${ACCEPTED})`)
}

/**
 * A `[True|False]` option (argparse `type=bool_from_string`). Its value is
 * checked as it is parsed, so a bad one stops the command before anything
 * is sent, an environment default (`env`) included.
 */
export const booleanFlag = (description: string, extra: { env?: string } = {}) =>
  Flags.custom<boolean>({ description, helpValue: '[True|False]', ...extra, parse: async (input) => strictBoolFromString(input) })()

/**
 * argparse's `action='append'`: one value per occurrence, so a positional
 * after it stays a positional (`image-update --property k=v <IMAGE_ID>`).
 * oclif's `multiple` flags are greedy by default and would swallow the id.
 */
export const appendFlag = (description: string, extra: { helpValue?: string; options?: string[] } = {}) =>
  Flags.string({ description, ...extra, multiple: true, multipleNonGreedy: true })
