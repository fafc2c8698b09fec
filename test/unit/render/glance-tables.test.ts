// Behaviour the golden cases cannot express (JS-only inputs, errors) and
// the upstream glanceclient unit expectations for make_size_human_readable.
import { describe, expect, it } from 'vitest'
import {
  makeSizeHumanReadable,
  printCachedImages,
  printDict,
  printImage,
  printList,
} from '../../../src/cli/render/glance-tables.js'
import { compareCodePoints, renderTable } from '../../../src/cli/render/prettytable.js'

describe('makeSizeHumanReadable', () => {
  // glanceclient/tests/unit/test_utils.py test_make_size_human_readable
  it.each([
    [106, '106B'],
    [1024000, '1000kB'],
    [1048576, '1MB'],
    [1476395008, '1.4GB'],
    [9761280, '9.3MB'],
    [null, '0B'],
  ])('%j is %s', (size, expected) => {
    expect(makeSizeHumanReadable(size)).toBe(expected)
  })
})

describe('printList', () => {
  it('reads only own properties, so inherited names are missing attributes', () => {
    expect(printList([{ name: 'x' }], ['Name', 'Constructor'])).toBe(
      ['+------+-------------+', '| Name | Constructor |', '+------+-------------+', '| x    |             |', '+------+-------------+', ''].join('\n'),
    )
  })

  it('shows a formatter result with str(), not the falsy rule', () => {
    const table = printList([{ id: 1 }], ['ID', 'Flag'], { formatters: { Flag: () => false } })
    expect(table).toContain('| 1  | False |')
  })
})

describe('printDict', () => {
  it('rejects a negative width like PrettyTable', () => {
    expect(() => printDict({ a: 1 }, -1)).toThrow('Invalid value for max_width: -1')
  })

  it('treats undefined properties as absent', () => {
    expect(printDict({ a: undefined, b: 1 })).not.toContain('| a ')
  })
})

describe('printImage', () => {
  it('keeps a __proto__ key as data', () => {
    const image = JSON.parse('{"id": "42", "__proto__": "x"}') as object
    expect(printImage(image)).toContain('| __proto__ | x     |')
  })

  it('leaves size out with --human-readable when the image has none', () => {
    expect(printImage({ id: '42' }, { humanReadable: true })).not.toContain('size')
  })
})

describe('printCachedImages', () => {
  it('tolerates a listing without queued_images', () => {
    expect(printCachedImages({ cached_images: [] })).toContain('| ID | State |')
  })
})

describe('renderTable', () => {
  it('orders by code point, where JS < would put astral characters before U+FB01', () => {
    expect(compareCodePoints('\ufb01', '😀')).toBeLessThan(0)
    expect('\ufb01' < '😀').toBe(false)
  })

  it('rejects an unknown sort field', () => {
    expect(() => renderTable({ fieldNames: ['A'], rows: [], sortBy: 'B' })).toThrow('Invalid field name: B')
  })
})
