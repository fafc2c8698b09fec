import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { requestJson } from './requests.js'
import { NamespaceContentApi } from './namespace-content.js'
import type { MetadefObject, MetadefObjectCreate } from './types.js'

/** `metadefs.objects.*`: named groups of property definitions inside a namespace. */
export class MetadefObjectsApi extends NamespaceContentApi<MetadefObject> {
  constructor(session: Session) {
    super(session, 'objects')
  }

  async list(namespace: string, { signal }: RequestOptions = {}): Promise<MetadefObject[]> {
    const body = await requestJson<{ objects: MetadefObject[] }>(this.session, { method: 'GET', path: this.collectionPath(namespace), expect: [200], signal })
    return body.objects
  }

  async create(namespace: string, object: MetadefObjectCreate, { signal }: RequestOptions = {}): Promise<MetadefObject> {
    return requestJson(this.session, { method: 'POST', path: this.collectionPath(namespace), json: object, expect: [201], signal })
  }
}
