import type { Session } from '../session.js'
import { NamespacesApi } from './namespaces.js'
import { MetadefObjectsApi } from './objects.js'
import { MetadefPropertiesApi } from './properties.js'
import { ResourceTypesApi } from './resource-types.js'
import { MetadefTagsApi } from './tags.js'

/** `metadefs.*`: Glance's metadata definitions catalog (`/v2/metadefs`). */
export class MetadefsApi {
  readonly namespaces: NamespacesApi
  readonly objects: MetadefObjectsApi
  readonly properties: MetadefPropertiesApi
  readonly resourceTypes: ResourceTypesApi
  readonly tags: MetadefTagsApi

  constructor(session: Session) {
    this.namespaces = new NamespacesApi(session)
    this.objects = new MetadefObjectsApi(session)
    this.properties = new MetadefPropertiesApi(session)
    this.resourceTypes = new ResourceTypesApi(session)
    this.tags = new MetadefTagsApi(session)
  }
}
