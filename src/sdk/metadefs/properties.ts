import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { requestJson } from './requests.js'
import { NamespaceContentApi } from './namespace-content.js'
import type { MetadefProperty, PropertyDefinition } from './types.js'

/** `metadefs.properties.*`: a namespace's own property definitions. */
export class MetadefPropertiesApi extends NamespaceContentApi<MetadefProperty> {
  constructor(session: Session) {
    super(session, 'properties')
  }

  /** Every property of the namespace, named, in the order Glance lists them. */
  async list(namespace: string, { signal }: RequestOptions = {}): Promise<MetadefProperty[]> {
    const body = await requestJson<{ properties: Record<string, PropertyDefinition> }>(this.session, {
      method: 'GET',
      path: this.collectionPath(namespace),
      expect: [200],
      signal,
    })
    return Object.entries(body.properties).map(([name, definition]) => ({ ...definition, name }))
  }

  /** The property under the name asked for (as glanceclient, whatever name the body carries). */
  override async get(namespace: string, name: string, { signal }: RequestOptions = {}): Promise<MetadefProperty> {
    return { ...(await super.get(namespace, name, { signal })), name }
  }

  async create(namespace: string, property: MetadefProperty, { signal }: RequestOptions = {}): Promise<MetadefProperty> {
    return requestJson(this.session, { method: 'POST', path: this.collectionPath(namespace), json: property, expect: [201], signal })
  }
}
