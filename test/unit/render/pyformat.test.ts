// Expected strings are what CPython 3.11 prints for the same values.
import { describe, expect, it } from 'vitest'
import { formatOneDecimal, isFalsy, jsonDumps, pyRepr, pyStr } from '../../../src/cli/render/pyformat.js'

describe('pyStr', () => {
  it.each([
    [true, 'True'],
    [false, 'False'],
    [null, 'None'],
    [undefined, 'None'],
    [0, '0'],
    [-0, '0'],
    [65536, '65536'],
    [2 ** 70, '1180591620717411303424'],
    ['text', 'text'],
  ] as const)('str(%j) is %s', (value, expected) => {
    expect(pyStr(value)).toBe(expected)
  })

  it('renders integral numbers as Python ints, since JSON.parse drops the .0 of floats', () => {
    expect(pyStr(JSON.parse('1.0') as number)).toBe('1')
  })

  it.each([
    [0.5, '0.5'],
    [0.1, '0.1'],
    [123.456, '123.456'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-10, '1.5e-10'],
    [-0.001, '-0.001'],
    [2 ** 51 + 0.5, '2251799813685248.5'],
    [5e-324, '5e-324'],
  ])('float repr of %d is %s', (value, expected) => {
    expect(pyStr(value)).toBe(expected)
  })
})

describe('pyRepr', () => {
  it('uses single quotes unless the text holds a single quote and no double quote', () => {
    expect(pyRepr(['plain', "it's", 'say "hi"', `both ' and "`])).toBe(
      `['plain', "it's", 'say "hi"', 'both \\' and "']`,
    )
  })

  it('escapes backslashes, \\t \\n \\r and other controls', () => {
    expect(pyRepr('C:\\dir\t\n\r\x00\x1b\x7f')).toBe("'C:\\\\dir\\t\\n\\r\\x00\\x1b\\x7f'")
  })

  it('escapes non-printable non-ASCII characters by size, keeps printable ones', () => {
    expect(pyRepr('\x85\xa0\xad\u200b\u2028\ue000\u{e0001}')).toBe(
      "'\\x85\\xa0\\xad\\u200b\\u2028\\ue000\\U000e0001'",
    )
    expect(pyRepr('ünï 日本 😀 e\u0301')).toBe("'ünï 日本 😀 e\u0301'")
  })

  it('renders containers like Python', () => {
    expect(pyRepr({ k: 'v', n: null, b: true, l: [1, 2.5], e: {}, a: [] })).toBe(
      "{'k': 'v', 'n': None, 'b': True, 'l': [1, 2.5], 'e': {}, 'a': []}",
    )
  })

  it('skips undefined properties like JSON.stringify', () => {
    expect(pyRepr({ a: undefined, b: 1 })).toBe("{'b': 1}")
  })
})

describe('jsonDumps', () => {
  it('uses ", " and ": " separators', () => {
    expect(jsonDumps({ a: [1, 'x'], b: { c: null, d: false } })).toBe('{"a": [1, "x"], "b": {"c": null, "d": false}}')
  })

  it('escapes everything outside printable ASCII (ensure_ascii)', () => {
    expect(jsonDumps(['ünï', '\x7f', '\x01', '😀', '"\\/', '\b\f\n\r\t'])).toBe(
      '["\\u00fcn\\u00ef", "\\u007f", "\\u0001", "\\ud83d\\ude00", "\\"\\\\/", "\\b\\f\\n\\r\\t"]',
    )
  })

  it('writes floats as Python float repr', () => {
    expect(jsonDumps([0.5, 1e-5])).toBe('[0.5, 1e-05]')
  })
})

describe('isFalsy', () => {
  it.each([0, false, null, undefined, '', [], {}, { a: undefined }])('%j is falsy', (value) => {
    expect(isFalsy(value)).toBe(true)
  })

  it.each([1, -1, true, '0', ' ', [0], { a: null }, NaN])('%j is truthy', (value) => {
    expect(isFalsy(value)).toBe(false)
  })
})

describe('formatOneDecimal', () => {
  it('rounds exact ties to even like Python, unlike toFixed', () => {
    expect([0.25, 0.75, 1.25, 1.75, 2.5].map(formatOneDecimal)).toEqual(['0.2', '0.8', '1.2', '1.8', '2.5'])
  })

  it('rounds everything else to nearest', () => {
    expect([1.4, 0.05, 9.3203125, 1023].map(formatOneDecimal)).toEqual(['1.4', '0.1', '9.3', '1023.0'])
  })
})
