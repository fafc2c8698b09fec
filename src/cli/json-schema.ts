// Whole-document JSON Schema validation with python-jsonschema's wording,
// for glanceclient's warlock models: glanceclient checks a metadefs
// definition against Glance's live schema before it sends it, and prints
// jsonschema's message for the first error found.
//
// Glance's schemas name no `$schema`, so warlock validates with jsonschema's
// latest draft (2020-12). Its validator walks a schema's keywords in the
// schema's own key order and stops at the first error; so does this one, so
// a definition with several faults is refused for the same one. Covered are
// the keywords Glance's schemas use (image, task, metadefs); any other
// keyword is not checked, and Glance still validates on its side.
import { pyRepr as pyReprJson, type JsonValue } from './render/pyformat.js'

/** A schema node: an object of keywords, or `true`/`false` (accept all / nothing). */
export type SchemaNode = boolean | { readonly [keyword: string]: unknown }

/** Documents come from JSON.parse, so they are JSON values. */
const pyRepr = (value: unknown): string => pyReprJson(value as JsonValue)

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'string':
      return typeof value === 'string'
    // JSON.parse cannot tell 1.0 from 1: an integral number counts as integer.
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    default:
      return true
  }
}

/** jsonschema's `equal`: deep, and a boolean never equals a number. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
  }
  return a === b
}

/** `#/definitions/x` inside the document's root schema (the only `$ref`s Glance uses). */
function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const token of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~')
    node = isObject(node) ? node[key] : undefined
  }
  return typeof node === 'boolean' || isObject(node) ? node : undefined
}

const codePoints = (text: string): number => [...text].length

/** The errors one keyword finds, first first (jsonschema's `_validators`). */
function* keywordErrors(keyword: string, value: unknown, instance: unknown, schema: Json, root: SchemaNode): Generator<string> {
  switch (keyword) {
    case '$ref': {
      const target = typeof value === 'string' ? resolveRef(root, value) : undefined
      if (target !== undefined) yield* schemaErrors(instance, target, root)
      return
    }
    case 'allOf':
      if (Array.isArray(value)) for (const sub of value) yield* schemaErrors(instance, sub as SchemaNode, root)
      return
    case 'type': {
      const types = Array.isArray(value) ? value : [value]
      if (!types.some((type) => isType(instance, type))) yield `${pyRepr(instance)} is not of type ${types.map(pyRepr).join(', ')}`
      return
    }
    case 'enum':
      if (Array.isArray(value) && !value.some((allowed) => jsonEqual(instance, allowed))) yield `${pyRepr(instance)} is not one of ${pyRepr(value)}`
      return
    case 'required':
      if (isObject(instance) && Array.isArray(value)) {
        for (const name of value) if (!Object.hasOwn(instance, name as string)) yield `${pyRepr(name)} is a required property`
      }
      return
    case 'properties':
      if (isObject(instance) && isObject(value)) {
        for (const [name, sub] of Object.entries(value)) {
          if (Object.hasOwn(instance, name)) yield* schemaErrors(instance[name], sub as SchemaNode, root)
        }
      }
      return
    case 'additionalProperties': {
      if (!isObject(instance)) return
      const declared = isObject(schema.properties) ? schema.properties : {}
      // jsonschema takes the extras from a set, whose order Python does not fix; instance order here.
      const extras = Object.keys(instance).filter((name) => !Object.hasOwn(declared, name))
      if (isObject(value)) {
        for (const name of extras) yield* schemaErrors(instance[name], value, root)
      } else if (value === false && extras.length > 0) {
        yield `Additional properties are not allowed (${extras.map(pyRepr).join(', ')} ${extras.length === 1 ? 'was' : 'were'} unexpected)`
      }
      return
    }
    case 'items':
      if (Array.isArray(instance) && (isObject(value) || typeof value === 'boolean')) {
        for (const item of instance) yield* schemaErrors(item, value, root)
      }
      return
    case 'maxLength':
      if (typeof instance === 'string' && codePoints(instance) > (value as number)) yield `${pyRepr(instance)} is too long`
      return
    case 'minLength':
      if (typeof instance === 'string' && codePoints(instance) < (value as number)) yield `${pyRepr(instance)} is too short`
      return
    case 'minimum':
      if (typeof instance === 'number' && instance < (value as number)) yield `${pyRepr(instance)} is less than the minimum of ${pyRepr(value)}`
      return
    case 'maximum':
      if (typeof instance === 'number' && instance > (value as number)) yield `${pyRepr(instance)} is greater than the maximum of ${pyRepr(value)}`
      return
    case 'minItems':
      if (Array.isArray(instance) && instance.length < (value as number)) yield `${pyRepr(instance)} is too short`
      return
    case 'maxItems':
      if (Array.isArray(instance) && instance.length > (value as number)) yield `${pyRepr(instance)} is too long`
      return
    case 'uniqueItems':
      if (value === true && Array.isArray(instance) && instance.some((item, i) => instance.slice(0, i).some((earlier) => jsonEqual(earlier, item)))) {
        yield `${pyRepr(instance)} has non-unique elements`
      }
      return
    case 'pattern':
      if (typeof instance === 'string' && typeof value === 'string' && !new RegExp(value, 'u').test(instance)) {
        yield `${pyRepr(instance)} does not match ${pyRepr(value)}`
      }
      return
  }
}

function* schemaErrors(instance: unknown, schema: SchemaNode, root: SchemaNode): Generator<string> {
  if (schema === false) yield `False schema does not allow ${pyRepr(instance)}`
  if (typeof schema === 'boolean') return
  for (const [keyword, value] of Object.entries(schema)) yield* keywordErrors(keyword, value, instance, schema, root)
}

/**
 * The message of the first error jsonschema reports for `instance` (the
 * first line of what glanceclient prints), or undefined when it is valid.
 * `root` is the document `$ref`s point into, when `schema` is part of one.
 */
export function firstSchemaError(instance: unknown, schema: SchemaNode, root: SchemaNode = schema): string | undefined {
  for (const error of schemaErrors(instance, schema, root)) return error
  return undefined
}
