// What the md-* commands take from the command line, and glanceclient's
// checks of it before anything is sent: the flags glance derives from its
// built-in metadefs schemas, JSON arguments, tag name lists, and warlock's
// validation of a definition against Glance's live schema.
import { Args, Flags } from '@oclif/core'
import { readFileSync } from 'node:fs'
import type { JsonSchema } from '../sdk/schemas/schemas.js'
import { CommandFailure } from './command-failure.js'
import { stdinHasData } from './data-source.js'
import { firstSchemaError } from './json-schema.js'
import { booleanFlag } from './python-compat.js'
import { pyRepr, type JsonValue } from './render/pyformat.js'

type Fields = Record<string, unknown>

/** A required positional, e.g. `<NAMESPACE>`. */
export const nameArg = (description: string) => Args.string({ description, required: true })

/** `--max-column-width`: glance takes any text and converts it only once the definition is read. */
export const maxColumnWidthFlag = Flags.string({ description: 'The max column width of the printed table.', helpValue: '<integer>', default: '80' })

/** Python's int(text) for `--max-column-width`, with Python's refusal. */
export function columnWidth(text: string): number {
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) throw new CommandFailure(`invalid literal for int() with base 10: ${pyRepr(text)}`)
  return Number(text.replaceAll('_', ''))
}

// Flags glance builds from its built-in namespace and resource type schemas
// (glance reads a live schema only from a cache it never writes when an
// auth URL is set), listed in glance's order: with several bad values,
// md-namespace-update refuses the first one set in that order.
const text = (description?: string) => Flags.string({ description })

const namespaceAttributeFlags = {
  self: text(),
  'updated-at': text('Date and time of the last namespace modification.'),
  'created-at': text('Date and time of namespace creation.'),
  owner: text('Owner of the namespace.'),
  protected: booleanFlag('If true, namespace will not be deletable.'),
  visibility: text('Scope of namespace accessibility. Valid values: public, private'),
  description: text('Provides a user friendly description of the namespace.'),
  'display-name': text('The user friendly name for the namespace. Used by UI if available.'),
}

const { self, ...namespaceAttributesAfterSelf } = namespaceAttributeFlags

export const namespaceCreateFlags = {
  // The schema types its items as objects, which a command line cannot give:
  // glance refuses every value given here, and so does the schema check.
  'resource-type-associations': Flags.string({ multiple: true }),
  self,
  schema: text(),
  ...namespaceAttributesAfterSelf,
}

export const namespaceUpdateFlags = {
  ...namespaceAttributeFlags,
  namespace: text('The unique namespace text.'),
}

export const resourceTypeAssociationFlags = {
  'updated-at': text('Date and time of the last resource type association modification.'),
  'created-at': text('Date and time of resource type association.'),
  'properties-target': text(
    'Some resource types allow more than one key / value pair per instance.  For example, Cinder allows user and image metadata on volumes. Only the image properties metadata is evaluated by Nova (scheduling or drivers). This property allows a namespace target to remove the ambiguity.',
  ),
  prefix: text(
    'Specifies the prefix to use for the given resource type. Any properties in the namespace should be prefixed with this prefix when being applied to the specified resource type. Must include prefix separator (e.g. a colon :).',
  ),
  name: text('Resource type names should be aligned with Heat resource types whenever possible: https://docs.openstack.org/heat/latest/template_guide/openstack.html'),
}

/**
 * The attributes given by schema-derived flags, snake_cased and typed as
 * argparse converts them, keeping only those the live schema knows (glance's
 * `is_core_property` filter).
 */
export function schemaFields(flags: Fields, flagTable: object, schema: JsonSchema): Fields {
  const fields: Fields = {}
  for (const flag of Object.keys(flagTable)) {
    const value = flags[flag]
    const key = flag.replaceAll('-', '_')
    if (value === undefined || !Object.hasOwn(schema.properties, key)) continue
    fields[key] = value
  }
  return fields
}

/** A `--schema` argument (or an imported namespace): a JSON object, or glance's refusal. */
export function parseJsonObject(text: string): Fields {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new CommandFailure('Schema is not a valid JSON object.')
  }
  // glance fails on valid JSON that is no object with a Python TypeError; ours says what is wrong.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CommandFailure('Schema is not a valid JSON object.')
  return value as Fields
}

/**
 * The namespace document md-namespace-import reads: `--file`, else stdin
 * when it carries data (a pipe, a file or a socket: docs/decisions/0003).
 */
export async function readNamespaceDocument(file: string | undefined): Promise<string> {
  let bytes: Buffer
  if (file !== undefined) {
    try {
      bytes = readFileSync(file)
    } catch (err) {
      // Worded as for image files (decisions/0001), not as Python's OSError.
      if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new CommandFailure(`File ${file} is a directory, not a namespace file`)
      throw new CommandFailure(`File ${file} does not exist or user does not have read privileges to it`)
    }
  } else if (stdinHasData()) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    bytes = Buffer.concat(chunks)
  } else {
    throw new CommandFailure('No metadata definition namespace passed via stdin or --file argument.')
  }
  // Python's json.load reads past a UTF-8 byte order mark; JSON.parse does not.
  return bytes.toString('utf8').replace(/^\uFEFF/, '')
}

/** md-tag-create-multiple's names: split on the delimiter (a comma by default), trimmed, blanks dropped. */
export function tagNames(names: string, delimiter: string | undefined): string[] {
  const tags = names
    .split(delimiter || ',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  if (tags.length === 0) throw new CommandFailure('Please supply at least one tag name. For example: --names Tag1')
  return tags
}

/** md-tag-create and md-tag-update take one name, trimmed, and refuse a blank one. */
export function tagName(name: string): string {
  const trimmed = name.trim()
  if (!trimmed) throw new CommandFailure('Please supply at least one non-blank tag name.')
  return trimmed
}

/**
 * warlock's model construction: the whole new definition must satisfy the
 * live schema. The message is jsonschema's first line (decisions/0001).
 */
export function assertValidDefinition(definition: object, schema: JsonSchema): void {
  const error = firstSchemaError(definition, schema)
  if (error) throw new CommandFailure(error)
}

/**
 * warlock's attribute assignment, change by change on the definition as
 * read: each must leave it valid, or the command stops with
 * `Unable to set 'k' to v. Reason: ...` before anything is written.
 */
export function applyChanges<T extends object>(current: T, changes: Fields, schema: JsonSchema): T {
  let edited = current as Fields
  for (const [key, value] of Object.entries(changes)) {
    const candidate = { ...edited, [key]: value }
    const error = firstSchemaError(candidate, schema)
    if (error) throw new CommandFailure(`Unable to set ${pyRepr(key)} to ${pyRepr(value as JsonValue)}. Reason: ${error}`)
    edited = candidate
  }
  return edited as T
}
