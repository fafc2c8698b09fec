import { describe, expect, it } from 'vitest'
import { checkImageApiVersion } from '../../../src/cli/api-version.js'
import { CommandFailure } from '../../../src/cli/command-failure.js'

const INVALID = 'Invalid API version parameter. Supported values are [1, 2]'
const V1 = 'Images API v1 is not supported: Glance no longer serves it. Use --os-image-api-version 2.'

const outcome = (requested: string | undefined, imageUrl?: string): string => {
  try {
    checkImageApiVersion(requested, imageUrl)
    return 'ok'
  } catch (err) {
    expect(err).toBeInstanceOf(CommandFailure)
    return (err as Error).message
  }
}

describe('checkImageApiVersion (glance shell main)', () => {
  it('accepts 2 in the spellings Python int() takes, and no version at all', () => {
    for (const requested of ['2', ' 2 ', '+2', '02', undefined, '']) expect(outcome(requested), String(requested)).toBe('ok')
  })

  it("refuses what int() refuses or what is neither 1 nor 2, with glance's message", () => {
    for (const requested of ['3', '0', '2.0', 'v2', 'two', '-2', '2_']) expect(outcome(requested), requested).toBe(INVALID)
  })

  it('refuses v1 without asking the server', () => {
    expect(outcome('1')).toBe(V1)
    expect(outcome('1_')).toBe(INVALID)
  })

  it('without the option, takes the version the image URL names', () => {
    expect(outcome(undefined, 'http://127.0.0.1:9292')).toBe('ok')
    expect(outcome(undefined, 'http://127.0.0.1:9292/v2/')).toBe('ok')
    expect(outcome(undefined, 'http://127.0.0.1:9292/v2.1')).toBe('ok')
    expect(outcome(undefined, 'http://127.0.0.1:9292/v1')).toBe(V1)
    expect(outcome(undefined, 'http://127.0.0.1:9292/v3')).toBe(INVALID)
    // Not a bare version segment: glance's float() fails and it falls back to 2.
    expect(outcome(undefined, 'http://127.0.0.1:9292/image/v3')).toBe('ok')
    expect(outcome(undefined, 'http://127.0.0.1:9292/v3/x')).toBe('ok')
  })

  it('the option wins over the URL', () => {
    expect(outcome('2', 'http://127.0.0.1:9292/v1')).toBe('ok')
    expect(outcome('3', 'http://127.0.0.1:9292/v2')).toBe(INVALID)
  })
})
