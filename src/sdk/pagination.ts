import type { Session } from './session.js'
import type { QueryValue } from './transport/http-transport.js'

export interface PageRequest {
  session: Session
  /** First page's path, e.g. `/v2/images`. */
  path: string
  query: Record<string, QueryValue>
  /** Key of the item array in each page body (`images`, `tasks`, …). */
  itemsKey: string
  /** Items per request (sent as Glance's `limit`). */
  pageSize: number
  /** Stop after this many items overall. */
  limit?: number
  signal?: AbortSignal
}

/**
 * The one paginator: follows Glance's `next` link (a path plus query,
 * relative to the endpoint) until it is absent or `limit` items were
 * yielded. Like glanceclient, the first request asks for no more than
 * `limit` items when that is smaller than a page.
 */
export async function* paginate<T>(req: PageRequest): AsyncGenerator<T[], void, undefined> {
  let remaining = req.limit
  const firstLimit = remaining !== undefined && remaining < req.pageSize ? remaining : req.pageSize
  let path: string | undefined = req.path
  let query: Record<string, QueryValue> | undefined = { ...req.query, limit: firstLimit }
  while (path) {
    const res = await req.session.request({ method: 'GET', path, query, expect: [200], signal: req.signal })
    const body = await res.json<Record<string, unknown>>()
    let items = (body[req.itemsKey] as T[] | undefined) ?? []
    if (remaining !== undefined) {
      items = items.slice(0, remaining)
      remaining -= items.length
    }
    if (items.length > 0) yield items
    if (remaining === 0) return
    path = typeof body.next === 'string' ? body.next : undefined
    query = undefined
  }
}

/** An async-iterable list whose pages are also reachable (`for await (const page of list.pages())`). */
export class PagedList<T> implements AsyncIterable<T> {
  constructor(private readonly request: PageRequest) {}

  pages(): AsyncGenerator<T[], void, undefined> {
    return paginate<T>(this.request)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page
  }

  /** Collect every item (bounded by the list's `limit`). */
  async toArray(): Promise<T[]> {
    const all: T[] = []
    for await (const item of this) all.push(item)
    return all
  }
}
