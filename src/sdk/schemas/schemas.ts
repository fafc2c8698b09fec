import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { SharedResults } from '../result-cache.js'

export interface JsonSchemaProperty {
  type?: string | string[]
  enum?: unknown[]
  description?: string
  is_base?: boolean
  readOnly?: boolean
  items?: JsonSchemaProperty
  [key: string]: unknown
}

export interface JsonSchema {
  name: string
  properties: Record<string, JsonSchemaProperty>
  additionalProperties?: unknown
  links?: unknown[]
  [key: string]: unknown
}

/** Glance's live JSON schemas (`GET /v2/schemas/<name>`), fetched once per client. */
export class SchemasApi {
  private readonly schemas = new SharedResults(async (name: string, signal: AbortSignal) => {
    const res = await this.session.request({ method: 'GET', path: `/v2/schemas/${name}`, expect: [200], signal })
    return res.json<JsonSchema>()
  })

  constructor(private readonly session: Session) {}

  get(name: string, { signal }: RequestOptions = {}): Promise<JsonSchema> {
    return this.schemas.get(name, signal)
  }
}

/** glanceclient's `is_base_property`: known to the schema and not marked `is_base: false`. */
export function isBaseProperty(schema: JsonSchema, name: string): boolean {
  const prop = schema.properties[name]
  return prop !== undefined && prop.is_base !== false
}

/** glanceclient's `is_core_property`: any property the schema knows. */
export function isCoreProperty(schema: JsonSchema, name: string): boolean {
  return name in schema.properties
}
