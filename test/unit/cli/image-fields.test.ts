import { describe, expect, it } from 'vitest'
import { imageFieldsFromFlags } from '../../../src/cli/image-fields.js'
import { boolFromString } from '../../../src/cli/python-compat.js'

describe('imageFieldsFromFlags', () => {
  it('maps flags to snake_case fields, converts booleans, and merges properties', () => {
    expect(
      imageFieldsFromFlags({ 'disk-format': 'raw', protected: 'yes', hidden: 'nope', 'min-disk': 2, property: ['a=1', 'b=x=y'], tags: ['t'] }),
    ).toEqual({ disk_format: 'raw', protected: true, os_hidden: false, min_disk: 2, tags: ['t'], a: '1', b: 'x=y' })
  })
  it('refuses a property without =', () => {
    expect(() => imageFieldsFromFlags({ property: ['novalue'] })).toThrow("format KEY=VALUE, got 'novalue'")
  })
  it('refuses a property with an empty key (decisions/0010)', () => {
    expect(() => imageFieldsFromFlags({ property: ['=v'] })).toThrow("format KEY=VALUE, got '=v'")
    expect(() => imageFieldsFromFlags({ property: ['='] })).toThrow("format KEY=VALUE, got '='")
    expect(imageFieldsFromFlags({ property: ['k='] })).toEqual({ k: '' })
  })
})

describe('python compat', () => {
  it('bool_from_string', () => {
    expect(['1', 't', 'True', ' yes ', 'ON', 'y'].map(boolFromString)).toEqual([true, true, true, true, true, true])
    expect(['0', 'false', 'nope', ''].map(boolFromString)).toEqual([false, false, false, false])
  })
})
