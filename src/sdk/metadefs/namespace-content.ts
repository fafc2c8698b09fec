import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { deleteAt, replaceDefinition, requestJson } from './requests.js'
import type { DefinitionEdit } from './types.js'
import { namespaceCollectionPath, namespaceMemberPath } from './urls.js'

/**
 * What objects, properties and tags have in common: each lives in one
 * namespace under a name, is read, replaced and deleted one by one, and all
 * of a namespace's can be deleted at once.
 */
export abstract class NamespaceContentApi<T extends { name: string }> {
  constructor(
    protected readonly session: Session,
    private readonly collection: 'objects' | 'properties' | 'tags',
  ) {}

  protected collectionPath(namespace: string): string {
    return namespaceCollectionPath(namespace, this.collection)
  }

  protected memberPath(namespace: string, name: string): string {
    return namespaceMemberPath(namespace, this.collection, name)
  }

  async get(namespace: string, name: string, { signal }: RequestOptions = {}): Promise<T> {
    return requestJson<T>(this.session, { method: 'GET', path: this.memberPath(namespace, name), expect: [200], signal })
  }

  /**
   * Change one definition (a rename included) and return it as Glance now
   * holds it. `edit` is either fields to set or a function of the current
   * definition; Glance replaces the whole definition with the result.
   */
  async update(namespace: string, name: string, edit: DefinitionEdit<T>, { signal }: RequestOptions = {}): Promise<T> {
    return replaceDefinition(this.session, {
      current: await this.get(namespace, name, { signal }),
      edit,
      path: this.memberPath(namespace, name),
      readBack: (edited) => this.get(namespace, edited.name, { signal }),
      signal,
    })
  }

  delete(namespace: string, name: string, { signal }: RequestOptions = {}): Promise<void> {
    return deleteAt(this.session, this.memberPath(namespace, name), signal)
  }

  /** Delete every one of the namespace's definitions of this kind. */
  deleteAll(namespace: string, { signal }: RequestOptions = {}): Promise<void> {
    return deleteAt(this.session, this.collectionPath(namespace), signal)
  }
}
