import { describe, expect, it } from 'vitest'
import { imageFieldsFromFlags, validateImageFields } from '../../../src/cli/image-fields.js'
import { boolFromString } from '../../../src/cli/python-compat.js'
import type { JsonSchema } from '../../../src/sdk/schemas/schemas.js'

const schema: JsonSchema = {
  name: 'image',
  properties: {
    disk_format: { type: ['null', 'string'], enum: [null, 'raw', 'qcow2'] },
    min_disk: { type: 'integer', minimum: 0 },
    name: { type: ['null', 'string'], maxLength: 5 },
    kernel_id: { type: ['null', 'string'], pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$' },
    tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
  },
}

describe('imageFieldsFromFlags', () => {
  it('maps flags to snake_case fields, converts booleans, and merges properties', () => {
    expect(
      imageFieldsFromFlags({ 'disk-format': 'raw', protected: 'yes', hidden: 'nope', 'min-disk': 2, property: ['a=1', 'b=x=y'], tags: ['t'] }),
    ).toEqual({ disk_format: 'raw', protected: true, os_hidden: false, min_disk: 2, tags: ['t'], a: '1', b: 'x=y' })
  })
  it('refuses a property without =', () => {
    expect(() => imageFieldsFromFlags({ property: ['novalue'] })).toThrow("format KEY=VALUE, got 'novalue'")
  })
})

describe('validateImageFields', () => {
  it("words enum failures as glanceclient's first line", () => {
    expect(() => validateImageFields({ disk_format: 'foo' }, schema)).toThrow(
      "Unable to set 'disk_format' to 'foo'. Reason: 'foo' is not one of [None, 'raw', 'qcow2']",
    )
  })
  it('checks length, pattern, minimum and array items', () => {
    expect(() => validateImageFields({ name: 'toolong' }, schema)).toThrow("'toolong' is too long")
    expect(() => validateImageFields({ kernel_id: 'x' }, schema)).toThrow("'x' does not match")
    expect(() => validateImageFields({ min_disk: -1 }, schema)).toThrow('-1 is less than the minimum of 0')
    expect(() => validateImageFields({ tags: ['ok', 'long'] }, schema)).toThrow("'long' is too long")
  })
  it('accepts valid values and unknown (custom) properties', () => {
    expect(() => validateImageFields({ disk_format: 'qcow2', min_disk: 1, custom: 'x' }, schema)).not.toThrow()
  })
})

describe('python compat', () => {
  it('bool_from_string', () => {
    expect(['1', 't', 'True', ' yes ', 'ON', 'y'].map(boolFromString)).toEqual([true, true, true, true, true, true])
    expect(['0', 'false', 'nope', ''].map(boolFromString)).toEqual([false, false, false, false])
  })
})
