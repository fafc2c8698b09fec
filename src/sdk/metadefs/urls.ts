/**
 * Glance v2 metadata-definition paths (relative to the image endpoint).
 * Names are percent-encoded, so `/`, `?`, `#` and `%` in a name reach Glance
 * as part of the name (glanceclient pastes them in raw).
 */
const enc = encodeURIComponent

export const namespacesPath = (): string => '/v2/metadefs/namespaces'
export const namespacePath = (namespace: string): string => `${namespacesPath()}/${enc(namespace)}`
export const resourceTypesPath = (): string => '/v2/metadefs/resource_types'

/** What a namespace holds, each under `/v2/metadefs/namespaces/{namespace}/{collection}`. */
export type NamespaceCollection = 'objects' | 'properties' | 'tags' | 'resource_types'

export const namespaceCollectionPath = (namespace: string, collection: NamespaceCollection): string =>
  `${namespacePath(namespace)}/${collection}`
export const namespaceMemberPath = (namespace: string, collection: NamespaceCollection, name: string): string =>
  `${namespaceCollectionPath(namespace, collection)}/${enc(name)}`
