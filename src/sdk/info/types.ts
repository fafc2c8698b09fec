import type { ImportMethod } from '../images/import.js'

/** `GET /v2/info/import`: the import methods the cloud enables. */
export interface ImportInfo {
  'import-methods': {
    description: string
    type: 'array'
    /** Methods the server enables; a newer server may name methods this SDK does not know. */
    value: (ImportMethod | (string & {}))[]
  }
  [key: string]: unknown
}

/** One backend store of a multi-store cloud. Boolean-looking flags arrive as the strings Glance sends. */
export interface StoreInfo {
  id: string
  description?: string
  /** `"true"` on the default store. */
  default?: string
  /** `"true"` on stores that cannot take new data (e.g. http). */
  'read-only'?: string
  /** Detail view only (admin): the driver type and its settings. */
  type?: string
  properties?: Record<string, unknown>
  [key: string]: unknown
}

/** `GET /v2/info/stores[/detail]`. */
export interface StoresInfo {
  stores: StoreInfo[]
  [key: string]: unknown
}
