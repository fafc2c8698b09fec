import type { RequestOptions } from '../request-options.js'
/**
 * Metadata definitions ("metadefs") as Glance returns them: snake_case keys,
 * optional fields absent rather than null, and `self`/`schema` links on the
 * top-level objects. A namespace groups property definitions, objects (named
 * groups of property definitions), tags, and associations with the resource
 * types (Glance images, Nova flavors, ...) its properties apply to.
 */

export type NamespaceVisibility = 'public' | 'private'

/** JSON types a property definition may declare (`null` is allowed by Glance's schema). */
export type PropertyType = 'array' | 'boolean' | 'integer' | 'number' | 'object' | 'string' | null

/** A property definition: a small JSON schema for one key of a resource's metadata. */
export interface PropertyDefinition {
  title: string
  type: PropertyType
  description?: string
  operators?: string[]
  required?: string[]
  minimum?: number
  maximum?: number
  maxLength?: number
  minLength?: number
  pattern?: string
  enum?: unknown[]
  readonly?: boolean
  default?: unknown
  items?: { type?: PropertyType; enum?: unknown[] }
  maxItems?: number
  minItems?: number
  uniqueItems?: boolean
  additionalItems?: boolean
}

/** A property of a namespace, named (as listed, shown, created). */
export interface MetadefProperty extends PropertyDefinition {
  name: string
}

export interface MetadefObject {
  name: string
  description?: string
  required?: string[]
  properties?: Record<string, PropertyDefinition>
  created_at?: string
  updated_at?: string
  self?: string
  schema?: string
}

export interface MetadefTag {
  name: string
  created_at?: string
  updated_at?: string
}

/** A namespace's link to a resource type, with the key prefix its properties take there. */
export interface ResourceTypeAssociation {
  name: string
  prefix?: string
  properties_target?: string
  created_at?: string
  updated_at?: string
}

/** A resource type Glance knows (created by the first association that names it). */
export interface ResourceType {
  name: string
  created_at: string
  updated_at?: string
}

export interface Namespace {
  namespace: string
  display_name?: string
  description?: string
  visibility?: NamespaceVisibility
  protected?: boolean
  owner?: string
  created_at?: string
  updated_at?: string
  self?: string
  schema?: string
  /** The namespace's contents, present when a single namespace is read. */
  resource_type_associations?: ResourceTypeAssociation[]
  properties?: Record<string, PropertyDefinition>
  objects?: MetadefObject[]
  tags?: MetadefTag[]
}

/** What `create` sends: the definition without the attributes Glance sets itself. */
export type NamespaceCreate = Omit<Namespace, 'created_at' | 'updated_at' | 'self' | 'schema'>
export type MetadefObjectCreate = Omit<MetadefObject, 'created_at' | 'updated_at' | 'self' | 'schema'>
export type ResourceTypeAssociationCreate = Omit<ResourceTypeAssociation, 'created_at' | 'updated_at'>

/**
 * How `update` changes a definition: fields to set over the current ones, or
 * a function from the current definition (as read just before) to the new one.
 */
export type DefinitionEdit<T> = Partial<T> | ((current: T) => T | Promise<T>)

export interface NamespaceListOptions extends RequestOptions {
  /** Only namespaces associated with one of these resource types. */
  resourceTypes?: string[]
  visibility?: NamespaceVisibility
  /** Namespaces per request (Glance's `limit`); glanceclient's default is 20. */
  pageSize?: number
  /** Stop after this many namespaces overall. */
  limit?: number
  /** Start after the namespace of this name. */
  marker?: string
  sortKey?: 'created_at' | 'namespace'
  sortDir?: 'asc' | 'desc'
}
