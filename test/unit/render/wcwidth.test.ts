import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { wcswidth, wcwidth } from '../../../src/cli/render/wcwidth.js'

// [first code point, width] runs of python wcwidth 0.2.5's wcwidth() over
// all of Unicode, recorded by test/golden/gen.py.
const runs = JSON.parse(
  readFileSync(new URL('../../golden/wcwidth-runs.json', import.meta.url), 'utf8'),
) as [number, number][]

describe('wcwidth', () => {
  it('agrees with python wcwidth 0.2.5 on every code point', () => {
    const mismatches: string[] = []
    runs.forEach(([start, width], index) => {
      const end = index + 1 < runs.length ? runs[index + 1]![0] : 0x110000
      for (let codePoint = start; codePoint < end; codePoint++) {
        if (wcwidth(codePoint) !== width) mismatches.push(codePoint.toString(16))
      }
    })
    expect(mismatches).toEqual([])
  })

  it.each([
    [0x00, 0, 'NUL'],
    [0x09, -1, 'tab'],
    [0x7f, -1, 'DEL'],
    [0x85, -1, 'C1 NEL'],
    [0xa0, 1, 'no-break space'],
    [0xad, 1, 'soft hyphen'],
    [0x301, 0, 'combining acute'],
    [0x200b, 0, 'zero width space'],
    [0x3000, 2, 'ideographic space'],
    [0x65e5, 2, 'CJK ideograph'],
    [0xff71, 1, 'halfwidth katakana'],
    [0x1f600, 2, 'emoji'],
    [0xfe0f, 0, 'variation selector 16'],
    [0x1f1fa, 1, 'regional indicator'],
  ])('U+%s is %i columns (%s)', (codePoint, width) => {
    expect(wcwidth(codePoint)).toBe(width)
  })
})

describe('wcswidth', () => {
  it('sums the widths of the code points', () => {
    expect(wcswidth('日本 abc')).toBe(8)
    expect(wcswidth('cafe\u0301')).toBe(4)
    expect(wcswidth('👨\u200d👩\u200d👧')).toBe(6)
  })

  it('is -1 as soon as one character is a control character', () => {
    expect(wcswidth('a\tb')).toBe(-1)
    expect(wcswidth('carriage\rreturn')).toBe(-1)
    expect(wcswidth('\x1b[31mred')).toBe(-1)
  })

  it('is 0 for the empty string', () => {
    expect(wcswidth('')).toBe(0)
  })
})
