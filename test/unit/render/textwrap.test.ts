import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fill } from '../../../src/cli/render/textwrap.js'

interface WrapCase {
  readonly text: string
  readonly width: number
  readonly expected: string
}

// Recorded from CPython 3.11's textwrap.fill by test/golden/gen.py.
const recorded = JSON.parse(
  readFileSync(new URL('../../golden/textwrap.json', import.meta.url), 'utf8'),
) as WrapCase[]

describe('fill matches CPython textwrap.fill', () => {
  it.each(recorded.map((c) => [JSON.stringify(c.text), c.width, c] as const))('%s at width %i', (_, __, c) => {
    expect(fill(c.text, c.width)).toBe(c.expected)
  })
})

describe('fill', () => {
  it('breaks a too-long chunk after its last hyphen that fits', () => {
    // Hyphens between digits do not split chunks, so this is one long word.
    expect(fill('12-34-56-78', 7)).toBe('12-34-\n56-78')
  })

  it('splits words at hyphens between letters before wrapping', () => {
    expect(fill('pre-supercalifragilistic', 10)).toBe('pre-superc\nalifragili\nstic')
  })

  it('does not break a run of hyphens at its own hyphens', () => {
    expect(fill('----------', 3)).toBe('---\n---\n---\n-')
  })

  it('counts code points, not display columns', () => {
    expect(fill('日本語のテキスト', 4)).toBe('日本語の\nテキスト')
    expect(fill('😀😀😀', 2)).toBe('😀😀\n😀')
  })

  it('keeps leading whitespace on the first line only', () => {
    expect(fill('   abc def ghi', 6)).toBe('   abc\ndef\nghi')
  })

  it('drops a U+3000 chunk starting a line, as Python str.strip() sees it as blank', () => {
    // U+3000 is not one of textwrap's split characters, so it is a chunk of its own.
    expect(fill('aaaa \u3000 bbbb', 5)).toBe('aaaa\n bbbb')
  })

  it('returns an empty string when only whitespace remains', () => {
    expect(fill('          ', 4)).toBe('')
  })

  it('rejects a width below 1 like Python (ValueError)', () => {
    expect(() => fill('abc', 0)).toThrow(RangeError)
  })
})
