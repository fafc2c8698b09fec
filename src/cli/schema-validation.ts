import type { JsonSchema } from '../sdk/schemas/schemas.js'
import { CommandFailure } from './command-failure.js'
import { firstSchemaError, type SchemaNode } from './json-schema.js'
import { pyRepr as pyReprJson, type JsonValue } from './render/pyformat.js'

/** Field values come from flags or parsed JSON, so they are JSON values. */
const pyRepr = (value: unknown): string => pyReprJson(value as JsonValue)

/**
 * glanceclient sets each field on a warlock model of the live schema
 * (image, task) before sending; a bad value stops the command with
 * warlock's `Unable to set 'k' to 'v'. Reason: <jsonschema's message>` and
 * nothing is sent. Fields are checked in the order given, as glanceclient
 * sets them; fields the schema does not know are left to the server.
 */
export function validateAgainstSchema(fields: Record<string, unknown>, schema: JsonSchema): void {
  for (const [key, value] of Object.entries(fields)) {
    const prop = schema.properties[key]
    if (!prop) continue
    const reason = firstSchemaError(value, prop as SchemaNode, schema as SchemaNode)
    if (reason) throw new CommandFailure(`Unable to set ${pyRepr(key)} to ${pyRepr(value)}. Reason: ${reason}`)
  }
}
