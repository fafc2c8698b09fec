import { describe, expect, it } from 'vitest'
import { cutLongQuotedValues } from '../../../src/cli/command-failure.js'

describe('cutLongQuotedValues (decisions/0010)', () => {
  it("cuts each quoted value over 1000 characters to its first 60 and its length", () => {
    const long = `'${'n'.repeat(5000)}'`
    expect(cutLongQuotedValues(`Unable to set 'name' to ${long}. Reason: ${long} is too long`)).toBe(
      `Unable to set 'name' to ${long.slice(0, 60)}...(5002 characters). Reason: ${long.slice(0, 60)}...(5002 characters) is too long`,
    )
  })
  it('handles double quotes and escaped quotes inside the value', () => {
    const long = `"it's ${'x'.repeat(2000)} \\" end"`
    expect(cutLongQuotedValues(`${long} is too long`)).toBe(`${long.slice(0, 60)}...(${long.length} characters) is too long`)
  })
  it('leaves values up to 1000 characters, and unquoted text, exactly as glance prints them', () => {
    const message = `Unable to set 'name' to '${'n'.repeat(1000)}'. Reason: ${'m'.repeat(5000)}`
    expect(cutLongQuotedValues(message)).toBe(message)
    const enumList = `'bogus' is not one of [${Array.from({ length: 400 }, (_, i) => `'v${i}'`).join(', ')}]`
    expect(cutLongQuotedValues(enumList)).toBe(enumList)
  })
})
