import type { SortDirection } from '../images/types.js'
import type { RequestOptions } from '../request-options.js'

export type TaskStatus = 'pending' | 'processing' | 'success' | 'failure'

/**
 * The task types Glance's task schema lists (`api_image_import` tasks come
 * from image imports); open to others a newer server may add.
 */
export type TaskType = 'import' | 'api_image_import' | (string & {})

/**
 * An asynchronous Glance operation (an image import), as Glance returns it.
 * Keys keep the API's snake_case names so the object prints exactly as
 * glance prints it.
 */
export interface Task {
  id: string
  type: TaskType
  status: TaskStatus
  /** The parameters the task was started with. */
  input: Record<string, unknown> | null
  result: Record<string, unknown> | null
  owner: string
  /** Why the task failed, or its progress; '' when there is nothing to say. */
  message: string
  /** When the finished task is deleted; absent or null while it runs. */
  expires_at?: string | null
  created_at: string
  updated_at: string
  image_id?: string
  request_id?: string
  user_id?: string
  self?: string
  schema?: string
}

/** What `POST /v2/tasks` takes. */
export interface TaskCreateFields {
  type: TaskType
  input: Record<string, unknown> | null
}

/** glanceclient's accepted `sort_key` values. */
export const TASK_SORT_KEYS = ['id', 'type', 'status'] as const
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number]
export const SORT_DIRECTIONS = ['asc', 'desc'] as const satisfies readonly SortDirection[]

export interface TaskListOptions extends RequestOptions {
  /** Tasks per request (Glance's `limit` query parameter); default 20 as glance. */
  pageSize?: number
  /** Stop after this many tasks in total. */
  limit?: number
  type?: string
  status?: string
  sortKey?: TaskSortKey
  sortDir?: SortDirection
  marker?: string
}
