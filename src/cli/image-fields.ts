import { Flags } from '@oclif/core'
import type { JsonSchema, JsonSchemaProperty } from '../sdk/schemas/schemas.js'
import { appendFlag, boolFromString } from './python-compat.js'
import { pyRepr as pyReprJson, type JsonValue } from './render/pyformat.js'

/** Field values come from flags or parsed JSON, so they are JSON values. */
const pyRepr = (value: unknown): string => pyReprJson(value as JsonValue)
import { CommandFailure } from './command-failure.js'

/**
 * The image attribute flags glance derives from its built-in base image
 * schema (what `glance help image-create` shows when no schema is cached).
 * Values are converted as argparse would: integers, `[True|False]` booleans,
 * and `--tags` taking several words.
 */
const text = (description: string) => Flags.string({ description })
const integer = (description: string) => Flags.integer({ description })
const boolean = (description: string) => Flags.string({ description, helpValue: '[True|False]' })

export const imageAttributeFlags = {
  architecture: text('Operating system architecture as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
  protected: boolean('If true, image will not be deletable.'),
  name: text('Descriptive name for the image'),
  'instance-uuid': text('Metadata which can be used to record which instance this image is associated with. (Informational only, does not create an instance snapshot.)'),
  'min-disk': integer('Amount of disk space (in GB) required to boot image.'),
  visibility: text('Scope of image accessibility Valid values: public, private, community, shared'),
  'kernel-id': text('ID of image stored in Glance that should be used as the kernel when booting an AMI-style image.'),
  'os-version': text('Operating system version as specified by the distributor'),
  'disk-format': text('Format of the disk Valid values: None, ami, ari, aki, vhd, vhdx, vmdk, raw, qcow2, vdi, iso, ploop'),
  'os-distro': text('Common name of operating system distribution as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
  owner: text('Owner of the image'),
  'ramdisk-id': text('ID of image stored in Glance that should be used as the ramdisk when booting an AMI-style image.'),
  'min-ram': integer('Amount of ram (in MB) required to boot image.'),
  'container-format': text('Format of the container Valid values: None, ami, ari, aki, bare, ovf, ova, docker'),
  hidden: boolean('If true, image will not appear in default image list response.'),
  property: appendFlag('Arbitrary property to associate with image. May be used multiple times.', { helpValue: '<key=value>' }),
}

/** Only image-create has `--id` and `--tags` (image-update omits them as glance does). */
export const imageCreateOnlyFlags = {
  id: text('An identifier for the image'),
  tags: Flags.string({ description: 'List of strings related to the image', multiple: true }),
}

const BOOLEAN_FLAGS = new Set(['protected', 'hidden'])

/**
 * Turn parsed flags into Glance image fields (snake_case; `--hidden` is
 * `os_hidden`), with `--property key=value` pairs merged in.
 */
export function imageFieldsFromFlags(flags: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const names = [...Object.keys(imageAttributeFlags), ...Object.keys(imageCreateOnlyFlags)]
  for (const name of names) {
    if (name === 'property') continue
    const value = flags[name]
    if (value === undefined) continue
    const key = name === 'hidden' ? 'os_hidden' : name.replaceAll('-', '_')
    fields[key] = BOOLEAN_FLAGS.has(name) ? boolFromString(String(value)) : value
  }
  for (const pair of (flags.property as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=')
    // glance crashes with a ValueError on a pair without '='; we say so plainly.
    if (eq < 0) throw new CommandFailure(`Argument --property expected properties in the format KEY=VALUE, got ${pyRepr(pair)}`)
    fields[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return fields
}

function typeNames(prop: JsonSchemaProperty): string[] {
  return prop.type === undefined ? [] : Array.isArray(prop.type) ? prop.type : [prop.type]
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    default:
      return true
  }
}

/** jsonschema's wording for the first rule a value breaks, or undefined. */
function schemaViolation(value: unknown, prop: JsonSchemaProperty): string | undefined {
  const types = typeNames(prop)
  if (types.length && !types.some((t) => matchesType(value, t))) {
    return `${pyRepr(value)} is not of type ${types.map((t) => pyRepr(t)).join(', ')}`
  }
  if (prop.enum && !prop.enum.some((allowed) => allowed === value)) {
    return `${pyRepr(value)} is not one of ${pyRepr(prop.enum)}`
  }
  if (typeof value === 'string') {
    if (typeof prop.maxLength === 'number' && [...value].length > prop.maxLength) return `${pyRepr(value)} is too long`
    if (typeof prop.pattern === 'string' && !new RegExp(prop.pattern, 'u').test(value)) {
      return `${pyRepr(value)} does not match ${pyRepr(prop.pattern)}`
    }
  }
  if (typeof value === 'number' && typeof prop.minimum === 'number' && value < prop.minimum) {
    return `${value} is less than the minimum of ${prop.minimum}`
  }
  if (Array.isArray(value) && prop.items) {
    for (const item of value) {
      const inner = schemaViolation(item, prop.items)
      if (inner) return inner
    }
  }
  return undefined
}

/**
 * glanceclient validates each field against the live image schema before
 * sending (warlock); a bad value stops the command with
 * `Unable to set 'k' to 'v'. Reason: ...` and nothing is created.
 */
export function validateImageFields(fields: Record<string, unknown>, schema: JsonSchema): void {
  for (const [key, value] of Object.entries(fields)) {
    const prop = schema.properties[key]
    if (!prop) continue
    const reason = schemaViolation(value, prop)
    if (reason) throw new CommandFailure(`Unable to set ${pyRepr(key)} to ${pyRepr(value)}. Reason: ${reason}`)
  }
}
