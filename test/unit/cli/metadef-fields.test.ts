import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  applyChanges,
  assertValidDefinition,
  columnWidth,
  namespaceCreateFlags,
  namespaceUpdateFlags,
  parseJsonObject,
  resourceTypeAssociationFlags,
  schemaFields,
  tagName,
  tagNames,
} from '../../../src/cli/metadef-fields.js'
import { formatNamespace, formatObject } from '../../../src/cli/metadef-output.js'
import type { JsonSchema } from '../../../src/sdk/schemas/schemas.js'

/** Glance's live metadefs schemas (GET /v2/schemas/metadefs/*). */
const schemas: Record<string, JsonSchema> = JSON.parse(readFileSync(new URL('./metadef-schemas.json', import.meta.url), 'utf8'))
const schema = (name: string) => schemas[name]

describe('columnWidth (Python int())', () => {
  it('takes what int() takes', () => {
    expect(columnWidth('80')).toBe(80)
    expect(columnWidth(' -3 ')).toBe(-3)
    expect(columnWidth('+1_000')).toBe(1000)
  })
  it("refuses the rest with Python's words", () => {
    expect(() => columnWidth('abc')).toThrow("invalid literal for int() with base 10: 'abc'")
    expect(() => columnWidth('1.5')).toThrow("invalid literal for int() with base 10: '1.5'")
    expect(() => columnWidth('')).toThrow("invalid literal for int() with base 10: ''")
  })
})

describe('schemaFields', () => {
  it('snake_cases the flags given and keeps only what the live schema knows', () => {
    const flags = { 'display-name': 'D', protected: true, visibility: 'public', 'resource-type-associations': ['a'], verbose: true }
    expect(schemaFields(flags, namespaceCreateFlags, schema('metadefs/namespace'))).toEqual({
      resource_type_associations: ['a'],
      protected: true,
      visibility: 'public',
      display_name: 'D',
    })
    const withoutDisplayName = { ...schema('metadefs/namespace'), properties: { visibility: {} } }
    expect(schemaFields(flags, namespaceCreateFlags, withoutDisplayName)).toEqual({ visibility: 'public' })
  })
  it("lists md-namespace-update's fields in glance's order", () => {
    const flags = { namespace: 'n', self: 's', owner: 'o', protected: false }
    expect(Object.keys(schemaFields(flags, namespaceUpdateFlags, schema('metadefs/namespace')))).toEqual(['self', 'owner', 'protected', 'namespace'])
  })
  it('maps the resource type association flags', () => {
    const flags = { name: 'OS::Glance::Image', prefix: 'hw_', 'properties-target': 'image' }
    expect(schemaFields(flags, resourceTypeAssociationFlags, schema('metadefs/resource_type'))).toEqual({
      properties_target: 'image',
      prefix: 'hw_',
      name: 'OS::Glance::Image',
    })
  })
})

describe('parseJsonObject', () => {
  it('parses a JSON object', () => {
    expect(parseJsonObject('{"type": "string", "enum": ["a"]}')).toEqual({ type: 'string', enum: ['a'] })
  })
  for (const text of ['nojson', '', '[1]', '"text"', '5', 'null']) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(() => parseJsonObject(text)).toThrow('Schema is not a valid JSON object.')
    })
  }
})

describe('tag names', () => {
  it('splits on the delimiter, trims, drops blanks', () => {
    expect(tagNames('a, b,,c ', undefined)).toEqual(['a', 'b', 'c'])
    expect(tagNames('a|b,c', '|')).toEqual(['a', 'b,c'])
    expect(tagNames('a,b', '')).toEqual(['a', 'b'])
  })
  it("refuses no names with glance's words", () => {
    expect(() => tagNames(' , ', undefined)).toThrow('Please supply at least one tag name. For example: --names Tag1')
    expect(() => tagName('   ')).toThrow('Please supply at least one non-blank tag name.')
    expect(tagName(' t ')).toBe('t')
  })
})

describe('warlock checks', () => {
  it('a new definition: jsonschema message, first line only', () => {
    expect(() => assertValidDefinition({ prefix: 'hw_' }, schema('metadefs/resource_type'))).toThrow(/^'name' is a required property$/)
    expect(() => assertValidDefinition({ name: 'p', title: 'P', type: 'string' }, schema('metadefs/property'))).not.toThrow()
  })

  it('changes applied one by one; the first bad one is refused as warlock words it', () => {
    const current = { name: 'p', title: 'P', type: 'string' }
    expect(() => applyChanges(current, { title: 'ok', minimum: 'x', type: 'bad' }, schema('metadefs/property'))).toThrow(
      "Unable to set 'minimum' to 'x'. Reason: 'x' is not of type 'number'",
    )
    expect(applyChanges(current, { name: 'q', minimum: 1 }, schema('metadefs/property'))).toEqual({ name: 'q', title: 'P', type: 'string', minimum: 1 })
  })
})

describe('namespace and object tables', () => {
  const ns = {
    namespace: 'n',
    self: '/v2/metadefs/namespaces/n',
    description: 'word '.repeat(30).trim(),
    properties: { b: { title: 'B', type: 'string' as const }, a: { title: 'A', type: 'string' as const } },
    objects: [{ name: 'o' }],
    tags: [{ name: 't1' }, { name: 't2' }],
    resource_type_associations: [{ name: 'OS::Glance::Image', prefix: 'x_' }],
  }

  it('show the contents as names, no self link', async () => {
    const table = await (await formatNamespace(ns)).table()
    expect(table).toContain('| properties                 | ["b", "a"]')
    expect(table).toContain('| objects                    | ["o"]')
    expect(table).toContain('| tags                       | ["t1", "t2"]')
    expect(table).toContain('| resource_type_associations | ["OS::Glance::Image"]')
    expect(table).not.toContain('self')
  })

  it('a width of 0 means the default width; others wrap the value column', async () => {
    expect(await (await formatNamespace(ns, 0)).table()).toBe(await (await formatNamespace(ns)).table())
    const narrow = await (await formatNamespace(ns, 20)).table()
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(29 + 3 + 20 + 2)
    await expect((await formatNamespace(ns, -1)).table()).rejects.toThrow('Invalid value for max_width: -1')
  })

  it("an object's properties as names", async () => {
    expect(await (await formatObject({ name: 'o', properties: { p: { title: 'P', type: 'string' } } })).table()).toContain('| properties | ["p"] |')
  })
})
