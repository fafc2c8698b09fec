/**
 * Interoperable image import (`POST /v2/images/{id}/import`): the request
 * glanceclient builds, and waiting for the asynchronous import Glance runs
 * after accepting it.
 */
import { sleep } from '../transport/retry.js'
import { GlanceError, UnsupportedApiVersionError, ValidationError } from '../errors.js'
import type { Task } from '../tasks/types.js'
import type { RequestOptions } from '../request-options.js'
import type { Image, ImageStatus, UploadOptions } from './types.js'
import type { ImagesApi } from './images.js'

export type ImportMethod = 'glance-direct' | 'web-download' | 'copy-image' | 'glance-download'

export interface ImageImportOptions extends RequestOptions {
  method: ImportMethod
  /** web-download: the URL Glance fetches the data from. */
  uri?: string
  /** glance-download: the remote Glance's region and image; both are needed. */
  remoteRegion?: string
  remoteImageId?: string
  /** glance-download: the catalog interface of the remote Glance (the server assumes `public`). */
  remoteServiceInterface?: string
  /** One target store, sent as the `X-Image-Meta-Store` header. */
  store?: string
  /** Target stores of a multi-store cloud. */
  stores?: string[]
  /** Import into every store of the cloud. */
  allStores?: boolean
  /**
   * With `stores` or `allStores`: the import succeeds when at least one
   * store got the data (default true, as in glance); false reverts it when
   * any store fails.
   */
  allowFailure?: boolean
}

/** Staging takes no store: the store is chosen when the staged data is imported. */
export type StageOptions = Omit<UploadOptions, 'store'>

/** What Glance answered when it accepted an import. */
export interface ImportAccepted {
  /** `x-openstack-request-id` of the import call; the import task records it as `request_id`. */
  requestId?: string
}

/** An import task of an image (`GET /v2/images/{id}/tasks`). */
export type ImageTask = Task

export interface ImportRequestBody {
  method: {
    name: ImportMethod
    glance_service_interface?: string
    glance_region?: string
    glance_image_id?: string
    uri?: string
  }
  stores?: string[]
  all_stores_must_succeed?: boolean
  all_stores?: boolean
}

/**
 * The body and headers glanceclient's `image_import` sends, keys in its
 * order. A URI with any method but web-download is refused before sending,
 * as glanceclient refuses it.
 */
export function buildImportRequest(opts: ImageImportOptions): { body: ImportRequestBody; headers: Record<string, string | undefined> } {
  const allowFailure = opts.allowFailure ?? true
  const body: ImportRequestBody = { method: { name: opts.method } }
  if (opts.stores?.length) {
    body.stores = opts.stores
    if (allowFailure) body.all_stores_must_succeed = false
  }
  if (opts.allStores) {
    body.all_stores = true
    if (allowFailure) body.all_stores_must_succeed = false
  }
  if (opts.remoteRegion && opts.remoteImageId) {
    if (opts.remoteServiceInterface) body.method.glance_service_interface = opts.remoteServiceInterface
    body.method.glance_region = opts.remoteRegion
    body.method.glance_image_id = opts.remoteImageId
  }
  if (opts.uri) {
    if (opts.method !== 'web-download') {
      throw new ValidationError('uri', 'URI is only supported with method: "web-download"')
    }
    body.method.uri = opts.uri
  }
  return { body, headers: { 'x-image-meta-store': opts.store } }
}

/**
 * How an import ended:
 * - `success`: the image is active and every store the import targeted has the data;
 * - `partial`: the image is active, but some targeted stores failed (allowed by `allowFailure`);
 * - `failure`: the import task failed, the image is not active, or no targeted store got the data.
 */
export type ImportOutcome = 'success' | 'partial' | 'failure'

export interface ImportResult {
  outcome: ImportOutcome
  /** The image as it was when the import ended. */
  image: Image
  /** The import's task; undefined when the server has no image tasks API (before v2.12). */
  task?: ImageTask
  /** Targeted stores that now hold the data. */
  succeededStores: string[]
  /** Targeted stores Glance lists in `os_glance_failed_import`. */
  failedStores: string[]
}

/** One poll of a running import. */
export interface ImportProgress {
  image: Image
  task?: ImageTask
}

export interface WaitForImportOptions extends RequestOptions {
  /** Give up with ImportTimeoutError after this long; by default wait as long as the import runs. */
  timeoutMs?: number
  /** Pause between polls; default 2000 ms. */
  intervalMs?: number
  onProgress?: (progress: ImportProgress) => void
  /** From `images.import()`: tells this import's task from earlier ones once Glance has released the image. */
  requestId?: string
}

/** The import was still running when `timeoutMs` ran out; it goes on in Glance. */
export class ImportTimeoutError extends GlanceError {
  override name = 'ImportTimeoutError'

  constructor(
    readonly imageId: string,
    readonly timeoutMs: number,
    /** The image at the last poll. */
    readonly image: Image,
    readonly task?: ImageTask,
  ) {
    super(`Image ${imageId} was still importing after ${timeoutMs / 1000} seconds (status: ${image.status})`)
  }
}

const DEFAULT_POLL_INTERVAL_MS = 2000
/** States from which no import can finish. */
const GONE: readonly ImageStatus[] = ['killed', 'deleted', 'pending_delete']
const FINISHED_TASK: readonly string[] = ['success', 'failure']

/** Glance's comma-separated store properties (`stores`, `os_glance_failed_import`, ...) as a list. */
export function storeList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').filter(Boolean) : []
}

/**
 * The task of this import: the one holding the image's import lock
 * (`os_glance_import_task`), else the one started by our request, else the
 * newest import task.
 */
function findImportTask(tasks: readonly ImageTask[], taskId: string | undefined, requestId: string | undefined): ImageTask | undefined {
  const imports = tasks.filter((t) => t.type === 'api_image_import')
  return (
    imports.find((t) => t.id === taskId) ??
    imports.find((t) => requestId !== undefined && t.request_id === requestId) ??
    imports.reduce<ImageTask | undefined>((newest, t) => (!newest || t.created_at > newest.created_at ? t : newest), undefined)
  )
}

/**
 * Glance's import flow ends with the task marked success and the image's
 * import lock dropped; a failed flow drops the lock, then marks the task
 * failed. Waiting for both means the image's store properties are final.
 * Without the tasks API, a released lock with no store still being written
 * to is the sign (servers older than Wallaby have no lock: there the first
 * image that is not `importing` counts as the end).
 */
function importEnded(image: Image, task: ImageTask | undefined): boolean {
  if (GONE.includes(image.status)) return true
  if (task) return FINISHED_TASK.includes(task.status) && image.os_glance_import_task !== task.id
  return !image.os_glance_import_task && storeList(image.os_glance_importing_to_stores).length === 0 && image.status !== 'importing'
}

/** The stores the task was asked to fill (`input.backend`; `[null]` on single-store clouds). */
function targetStores(task: ImageTask | undefined): string[] | undefined {
  const backend = (task?.input as { backend?: unknown } | null | undefined)?.backend
  return Array.isArray(backend) ? backend.filter((s): s is string => typeof s === 'string') : undefined
}

function importResult(image: Image, task: ImageTask | undefined): ImportResult {
  // os_glance_failed_import may still name stores an earlier import failed
  // on; Glance clears the targeted ones when an import starts, so only
  // those count.
  const targets = targetStores(task)
  const failed = storeList(image.os_glance_failed_import)
  const held = storeList(image.stores)
  const failedStores = targets ? failed.filter((s) => targets.includes(s)) : failed
  const succeededStores = targets ? targets.filter((s) => held.includes(s)) : held
  let outcome: ImportOutcome
  if (image.status !== 'active' || task?.status === 'failure') outcome = 'failure'
  else if (failedStores.length === 0) outcome = 'success'
  else outcome = succeededStores.length > 0 ? 'partial' : 'failure'
  return { outcome, image, task, succeededStores, failedStores }
}

/**
 * Poll the image (and its import task, where the server has the image tasks
 * API) until the import has ended, and say how it went. Aborting the signal
 * stops the waiting, not the import.
 */
export async function waitForImport(images: Pick<ImagesApi, 'get' | 'tasks'>, id: string, opts: WaitForImportOptions = {}): Promise<ImportResult> {
  const { signal, timeoutMs, intervalMs = DEFAULT_POLL_INTERVAL_MS, onProgress, requestId } = opts
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs
  let tasksApi = true
  let taskId: string | undefined
  try {
    for (;;) {
      const image = await images.get(id, { signal })
      taskId ??= typeof image.os_glance_import_task === 'string' ? image.os_glance_import_task : undefined
      let task: ImageTask | undefined
      if (tasksApi) {
        try {
          task = findImportTask(await images.tasks(id, { signal }), taskId, requestId)
        } catch (err) {
          if (!(err instanceof UnsupportedApiVersionError)) throw err
          tasksApi = false
        }
      }
      onProgress?.({ image, task })
      if (importEnded(image, task)) return importResult(image, task)
      const left = deadline - Date.now()
      if (left <= 0) throw new ImportTimeoutError(id, timeoutMs!, image, task)
      await sleep(Math.min(intervalMs, left), signal)
    }
  } catch (err) {
    // One kind of error for an abort, whether it came mid-request or mid-pause.
    signal?.throwIfAborted()
    throw err
  }
}
