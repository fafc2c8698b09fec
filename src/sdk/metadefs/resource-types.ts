import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { deleteAt, requestJson } from './requests.js'
import type { ResourceType, ResourceTypeAssociation, ResourceTypeAssociationCreate } from './types.js'
import { namespaceCollectionPath, namespaceMemberPath, resourceTypesPath } from './urls.js'

/** `metadefs.resourceTypes.*`: the resource types Glance knows and namespaces' associations with them. */
export class ResourceTypesApi {
  constructor(private readonly session: Session) {}

  async list({ signal }: RequestOptions = {}): Promise<ResourceType[]> {
    const body = await requestJson<{ resource_types: ResourceType[] }>(this.session, { method: 'GET', path: resourceTypesPath(), expect: [200], signal })
    return body.resource_types
  }

  /** The resource types a namespace is associated with. */
  async associations(namespace: string, { signal }: RequestOptions = {}): Promise<ResourceTypeAssociation[]> {
    const body = await requestJson<{ resource_type_associations: ResourceTypeAssociation[] }>(this.session, {
      method: 'GET',
      path: namespaceCollectionPath(namespace, 'resource_types'),
      expect: [200],
      signal,
    })
    return body.resource_type_associations
  }

  /** Associate a resource type with a namespace (Glance creates a resource type it does not know yet). */
  async associate(namespace: string, association: ResourceTypeAssociationCreate, { signal }: RequestOptions = {}): Promise<ResourceTypeAssociation> {
    return requestJson(this.session, {
      method: 'POST',
      path: namespaceCollectionPath(namespace, 'resource_types'),
      json: association,
      expect: [201],
      signal,
    })
  }

  deassociate(namespace: string, resourceType: string, { signal }: RequestOptions = {}): Promise<void> {
    return deleteAt(this.session, namespaceMemberPath(namespace, 'resource_types', resourceType), signal)
  }
}
