import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { PagedList } from '../pagination.js'
import { deleteAt, replaceDefinition, requestJson } from './requests.js'
import type { DefinitionEdit, Namespace, NamespaceCreate, NamespaceListOptions } from './types.js'
import { namespacePath, namespacesPath } from './urls.js'

/** glanceclient's page size for namespace listings. */
const DEFAULT_PAGE_SIZE = 20

/** `metadefs.namespaces.*`: the namespaces and, on a single read, everything in them. */
export class NamespacesApi {
  constructor(private readonly session: Session) {}

  /** Lazily paged listing (follows Glance's `next` links); iterate with `for await`. */
  list(opts: NamespaceListOptions = {}): PagedList<Namespace> {
    return new PagedList<Namespace>({
      session: this.session,
      path: namespacesPath(),
      // glanceclient's parameter order, so URLs in debug lines and errors read alike.
      query: {
        resource_types: opts.resourceTypes?.join(','),
        visibility: opts.visibility,
        limit: undefined,
        marker: opts.marker,
        sort_key: opts.sortKey,
        sort_dir: opts.sortDir,
      },
      itemsKey: 'namespaces',
      pageSize: opts.pageSize || DEFAULT_PAGE_SIZE,
      limit: opts.limit,
      signal: opts.signal,
    })
  }

  /**
   * One namespace with its properties, objects, tags and resource type
   * associations. With `resourceType`, property names carry the prefix the
   * namespace's association with that resource type defines.
   */
  async get(namespace: string, opts: RequestOptions & { resourceType?: string } = {}): Promise<Namespace> {
    return requestJson(this.session, {
      method: 'GET',
      path: namespacePath(namespace),
      query: { resource_type: opts.resourceType },
      expect: [200],
      signal: opts.signal,
    })
  }

  /** Create a namespace, with any contents given (how a namespace is imported). */
  async create(namespace: NamespaceCreate, { signal }: RequestOptions = {}): Promise<Namespace> {
    return requestJson(this.session, { method: 'POST', path: namespacesPath(), json: namespace, expect: [201], signal })
  }

  /**
   * Change a namespace (a rename included) and return it as Glance now holds
   * it. `edit` is either fields to set or a function of the current namespace.
   */
  async update(namespace: string, edit: DefinitionEdit<Namespace>, { signal }: RequestOptions = {}): Promise<Namespace> {
    return replaceDefinition(this.session, {
      current: await this.get(namespace, { signal }),
      edit,
      path: namespacePath(namespace),
      readBack: (edited) => this.get(edited.namespace, { signal }),
      signal,
    })
  }

  /** Delete a namespace and everything in it. */
  delete(namespace: string, { signal }: RequestOptions = {}): Promise<void> {
    return deleteAt(this.session, namespacePath(namespace), signal)
  }
}
