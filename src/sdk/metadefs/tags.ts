import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { requestJson } from './requests.js'
import { NamespaceContentApi } from './namespace-content.js'
import type { MetadefTag } from './types.js'

/** `metadefs.tags.*`: a namespace's tags (names, unique regardless of case). */
export class MetadefTagsApi extends NamespaceContentApi<MetadefTag> {
  constructor(session: Session) {
    super(session, 'tags')
  }

  async list(namespace: string, { signal }: RequestOptions = {}): Promise<MetadefTag[]> {
    const body = await requestJson<{ tags: MetadefTag[] }>(this.session, { method: 'GET', path: this.collectionPath(namespace), expect: [200], signal })
    return body.tags
  }

  async create(namespace: string, name: string, { signal }: RequestOptions = {}): Promise<MetadefTag> {
    return requestJson(this.session, { method: 'POST', path: this.memberPath(namespace, name), expect: [201], signal })
  }

  /**
   * Create several tags in one request. They replace the namespace's tags,
   * unless `append` is set; the tags created are returned.
   */
  async createMultiple(namespace: string, names: readonly string[], opts: RequestOptions & { append?: boolean } = {}): Promise<MetadefTag[]> {
    const body = await requestJson<{ tags: MetadefTag[] }>(this.session, {
      method: 'POST',
      path: this.collectionPath(namespace),
      json: { tags: names.map((name) => ({ name })) },
      headers: { 'X-Openstack-Append': opts.append ? 'True' : undefined },
      expect: [201],
      signal: opts.signal,
    })
    return body.tags
  }
}
