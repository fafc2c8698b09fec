import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { firstSchemaError, type SchemaNode } from '../../../src/cli/json-schema.js'

// Glance's live metadefs schemas (metadef-schemas.json, from GET
// /v2/schemas/metadefs/*), and what python-jsonschema 4.10 (glance 4.1.0's,
// through warlock) reports first for each instance.
const schemas: Record<string, SchemaNode> = JSON.parse(readFileSync(new URL('./metadef-schemas.json', import.meta.url), 'utf8'))

const cases: [string, unknown, string | undefined][] = [
  ['metadefs/namespace', { namespace: 'ok' }, undefined],
  ['metadefs/namespace', { description: 'x' }, "'namespace' is a required property"],
  ['metadefs/namespace', { namespace: 'n', bogus: 1 }, "Additional properties are not allowed ('bogus' was unexpected)"],
  ['metadefs/namespace', { namespace: 'n', bogus: 1, other: 2 }, "Additional properties are not allowed ('bogus', 'other' were unexpected)"],
  ['metadefs/namespace', { namespace: 'n'.repeat(81) }, `'${'n'.repeat(81)}' is too long`],
  ['metadefs/namespace', { namespace: 'n', visibility: 'everyone' }, "'everyone' is not one of ['public', 'private']"],
  ['metadefs/namespace', { namespace: 'n', protected: 'yes' }, "'yes' is not of type 'boolean'"],
  ['metadefs/namespace', { namespace: 'n', resource_type_associations: ['a', 'b'] }, "'a' is not of type 'object'"],
  ['metadefs/namespace', { namespace: 'n', properties: { p: { title: 'P' } } }, "'type' is a required property"],
  ['metadefs/namespace', { namespace: 'n', properties: { p: { title: 'P', type: 'int' } } }, "'int' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string', None]"],
  ['metadefs/namespace', { namespace: 'n', properties: { p: { title: 'P', type: 'integer', minimum: '1' } } }, "'1' is not of type 'number'"],
  ['metadefs/namespace', { namespace: 'n', properties: { p: { title: 'P', type: 'string', maxLength: -1 } } }, '-1 is less than the minimum of 0'],
  ['metadefs/namespace', { namespace: 'n', objects: [{ name: 'o', required: ['a', 'a'] }] }, "['a', 'a'] has non-unique elements"],
  ['metadefs/namespace', { namespace: 'n', tags: [{ name: 5 }] }, "5 is not of type 'string'"],
  ['metadefs/namespace', { namespace: 'n', visibility: 'x', bogus: 1 }, "'x' is not one of ['public', 'private']"],
  ['metadefs/namespace', { namespace: 7, description: 'd'.repeat(501) }, "7 is not of type 'string'"],
  ['metadefs/object', { name: 'o', properties: { q: { title: 'Q', type: 'string' }, r: 5 } }, "5 is not of type 'object'"],
  ['metadefs/object', { name: 'o', properties: { q: { title: 'Q' } } }, "'type' is a required property"],
  ['metadefs/object', { name: 'o', required: 'p1' }, "'p1' is not of type 'array'"],
  ['metadefs/object', { name: 'o', required: [] }, undefined],
  ['metadefs/object', { name: 'o', description: null }, "None is not of type 'string'"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'strin' }, "'strin' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string', None]"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'string', foo: 1 }, "Additional properties are not allowed ('foo' was unexpected)"],
  ['metadefs/property', { name: 'p', title: 'P' }, "'type' is a required property"],
  ['metadefs/property', { name: 'p', title: 'P', type: null }, "None is not of type 'string'"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'integer', minimum: 'x' }, "'x' is not of type 'number'"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'array', required: [] }, '[] is too short'],
  ['metadefs/property', { name: 'p', title: 'P', type: 'array', items: { type: 'strin' } }, "'strin' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string', None]"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'array', minItems: -1 }, '-1 is less than the minimum of 0'],
  ['metadefs/property', { name: 'p', title: 'P', type: 'array', uniqueItems: 1 }, "1 is not of type 'boolean'"],
  ['metadefs/property', { name: 'p', title: 'P', type: 'string', enum: ['a', true, 1, { k: [1.5, null] }], readonly: 'no' }, "'no' is not of type 'boolean'"],
  ['metadefs/tag', { name: 'x'.repeat(81) }, `'${'x'.repeat(81)}' is too long`],
  ['metadefs/tag', { name: 't', self: '/x' }, "Additional properties are not allowed ('self' was unexpected)"],
  ['metadefs/resource_type', { prefix: 'hw_' }, "'name' is a required property"],
  ['metadefs/resource_type', { name: "it's", prefix: 'p'.repeat(81) }, `'${'p'.repeat(81)}' is too long`],
]

describe('firstSchemaError', () => {
  for (const [name, instance, expected] of cases) {
    it(`${name}: ${JSON.stringify(instance).slice(0, 90)}`, () => {
      expect(firstSchemaError(instance, schemas[name])).toBe(expected)
    })
  }

  it('resolves $ref against the given root when validating part of a document', () => {
    const root = schemas['metadefs/property'] as SchemaNode & { properties: Record<string, SchemaNode> }
    expect(firstSchemaError(-1, root.properties.maxLength, root)).toBe('-1 is less than the minimum of 0')
    expect(firstSchemaError(3, root.properties.maxLength, root)).toBeUndefined()
  })

  it('checks pattern, maximum, maxItems and boolean schemas', () => {
    expect(firstSchemaError('x', { pattern: '^[0-9]+$' })).toBe("'x' does not match '^[0-9]+$'")
    expect(firstSchemaError(5, { maximum: 4 })).toBe('5 is greater than the maximum of 4')
    expect(firstSchemaError([1, 2], { maxItems: 1 })).toBe('[1, 2] is too long')
    expect(firstSchemaError('', { minLength: 1 })).toBe("'' is too short")
    expect(firstSchemaError({ a: 1 }, false)).toBe("False schema does not allow {'a': 1}")
    expect(firstSchemaError({ a: 1 }, true)).toBeUndefined()
  })

  it('tells booleans from numbers in enum and uniqueItems, as jsonschema does', () => {
    expect(firstSchemaError(true, { enum: [1] })).toBe('True is not one of [1]')
    expect(firstSchemaError([1, true], { uniqueItems: true })).toBeUndefined()
    expect(firstSchemaError([{ a: [1] }, { a: [1] }], { uniqueItems: true })).toBe("[{'a': [1]}, {'a': [1]}] has non-unique elements")
  })
})
