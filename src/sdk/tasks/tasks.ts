import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { PagedList } from '../pagination.js'
import { ValidationError } from '../errors.js'
import type { QueryValue } from '../transport/http-transport.js'
import { taskPath, tasksPath } from './urls.js'
import { SORT_DIRECTIONS, TASK_SORT_KEYS, type Task, type TaskCreateFields, type TaskListOptions } from './types.js'

const DEFAULT_PAGE_SIZE = 20

/** glanceclient refuses unknown sort values before sending anything (a ValueError there). */
function checkedChoice(option: 'sortKey' | 'sortDir', value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) {
    throw new ValidationError(option, `${option} must be one of the following: ${allowed.join(', ')}.`)
  }
  return value
}

function listQuery(opts: TaskListOptions): Record<string, QueryValue> {
  // glanceclient's parameter order (filters, limit, marker, sort), so the
  // URLs in debug lines read as glance's do. `limit` only reserves its
  // place: the paginator fills in the page size.
  return {
    type: opts.type,
    status: opts.status,
    limit: undefined,
    marker: opts.marker,
    sort_key: checkedChoice('sortKey', opts.sortKey, TASK_SORT_KEYS),
    sort_dir: checkedChoice('sortDir', opts.sortDir, SORT_DIRECTIONS),
  }
}

/** `tasks.*`: the asynchronous operations (image imports) Glance runs. Admin-only by default policy. */
export class TasksApi {
  constructor(private readonly session: Session) {}

  /** Lazily paged listing; iterate with `for await`. */
  list(opts: TaskListOptions = {}): PagedList<Task> {
    return new PagedList<Task>({
      session: this.session,
      path: tasksPath(),
      query: listQuery(opts),
      itemsKey: 'tasks',
      pageSize: opts.pageSize || DEFAULT_PAGE_SIZE,
      limit: opts.limit,
      signal: opts.signal,
    })
  }

  async get(id: string, { signal }: RequestOptions = {}): Promise<Task> {
    const res = await this.session.request({ method: 'GET', path: taskPath(id), expect: [200], signal })
    return res.json<Task>()
  }

  /** Start a task; Glance answers with it still `pending`. */
  async create(fields: TaskCreateFields, { signal }: RequestOptions = {}): Promise<Task> {
    const res = await this.session.request({ method: 'POST', path: tasksPath(), json: fields, expect: [201], signal })
    return res.json<Task>()
  }
}
