import { describe, expect, it } from 'vitest'
import { validateAgainstSchema } from '../../../src/cli/schema-validation.js'
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

describe('validateAgainstSchema', () => {
  it("words enum failures as glanceclient's first line", () => {
    expect(() => validateAgainstSchema({ disk_format: 'foo' }, schema)).toThrow(
      "Unable to set 'disk_format' to 'foo'. Reason: 'foo' is not one of [None, 'raw', 'qcow2']",
    )
  })
  it('checks length, pattern, minimum and array items', () => {
    expect(() => validateAgainstSchema({ name: 'toolong' }, schema)).toThrow("'toolong' is too long")
    expect(() => validateAgainstSchema({ kernel_id: 'x' }, schema)).toThrow("'x' does not match")
    expect(() => validateAgainstSchema({ min_disk: -1 }, schema)).toThrow('-1 is less than the minimum of 0')
    expect(() => validateAgainstSchema({ tags: ['ok', 'long'] }, schema)).toThrow("'long' is too long")
  })
  it('accepts valid values and unknown (custom) properties', () => {
    expect(() => validateAgainstSchema({ disk_format: 'qcow2', min_disk: 1, custom: 'x' }, schema)).not.toThrow()
  })
})

describe('validateAgainstSchema with the task schema', () => {
  const taskSchema: JsonSchema = {
    name: 'task',
    properties: {
      type: { type: 'string', enum: ['import', 'api_image_import'] },
      input: { type: ['null', 'object'] },
    },
  }
  it('checks type before input, in the order glanceclient sets them', () => {
    expect(() => validateAgainstSchema({ type: 'copy', input: [] }, taskSchema)).toThrow(
      "Unable to set 'type' to 'copy'. Reason: 'copy' is not one of ['import', 'api_image_import']",
    )
    expect(() => validateAgainstSchema({ type: 'import', input: 5 }, taskSchema)).toThrow("Unable to set 'input' to 5. Reason: 5 is not of type 'null', 'object'")
    expect(() => validateAgainstSchema({ type: 'import', input: { a: 1 } }, taskSchema)).not.toThrow()
    expect(() => validateAgainstSchema({ type: 'import', input: null }, taskSchema)).not.toThrow()
  })
})
