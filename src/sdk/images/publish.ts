/**
 * `images.publish`: an image record and its data in one call, all or
 * nothing. Glance's own flow is three or four calls (create, upload or
 * stage + import, then wait), and a failure between them leaves an empty
 * `queued` image behind; here any failure or abort after the record exists
 * deletes it (docs/decisions/0004-no-orphans.md, 0021-sdk-shapes.md).
 */
import { GlanceError, ValidationError } from '../errors.js'
import { DryRunStop } from '../dry-run.js'
import type { RequestOptions } from '../request-options.js'
import type { ImageData, ImagesApi } from './images.js'
import type { ImageImportOptions, ImportAccepted, ImportProgress, ImportResult } from './import.js'
import type { Image, ImageCreateFields, TransferProgress } from './types.js'

/** Where the data comes from: bytes the caller has, a URL Glance fetches (web-download), or an image in another region (glance-download). */
export type PublishSource =
  | ImageData
  | { uri: string }
  | { remoteRegion: string; remoteImageId: string; remoteServiceInterface?: string }

/**
 * How the bytes reach Glance: `upload` (one PUT of the data, the default for
 * bytes), `glance-direct` (staged, then imported); a `{ uri }` source is
 * always `web-download` and a remote one `glance-download`.
 */
export type PublishMethod = 'upload' | 'glance-direct' | 'web-download' | 'glance-download'

/** The step a failed publish had reached. */
export type PublishStep = 'upload' | 'stage' | 'import' | 'wait'

/** What happened to the image a failed publish had created. */
export interface PublishCleanup {
  imageId: string
  step: PublishStep
  /** True when the image was deleted; false with `error` when deleting it failed too. */
  deleted: boolean
  error?: Error
}

export interface PublishOptions extends RequestOptions {
  method?: PublishMethod
  /** Byte count, when a stream cannot tell (sent as Content-Length). */
  size?: number
  onProgress?: (progress: TransferProgress) => void
  /** Imports: one target store (`X-Image-Meta-Store`), several, or all of them, and whether a failed store fails the import. Uploads: `store` only. */
  store?: string
  stores?: string[]
  allStores?: boolean
  allowFailure?: boolean
  /**
   * Imports: wait until the import has ended (default true); false returns
   * as soon as Glance has accepted the import, with the image as it is then.
   */
  wait?: boolean
  /**
   * Imports: give up after this long. The image is then deleted (told to
   * `onCleanup`) and ImportTimeoutError thrown; its `image` is the last poll,
   * from before the deletion.
   */
  timeoutMs?: number
  /** Imports: the pause between polls. */
  intervalMs?: number
  onImportProgress?: (progress: ImportProgress) => void
  /** Imports: told when Glance has accepted the import (its request id tells this import's task from others). */
  onImportAccepted?: (accepted: ImportAccepted) => void
  /** Told when a failed publish deleted (or could not delete) the image it had created, before the error is thrown. */
  onCleanup?: (cleanup: PublishCleanup) => void
}

/** The import ran and ended without the image becoming active; the image has been deleted. */
export class ImportFailedError extends GlanceError {
  override name = 'ImportFailedError'
  constructor(readonly result: ImportResult) {
    const task = result.task?.message ? `: ${result.task.message}` : ''
    super(`Import of image ${result.image.id} failed (image '${result.image.status}')${task}`)
  }
}

function isUriSource(source: PublishSource): source is { uri: string } {
  return typeof source === 'object' && source !== null && 'uri' in source && typeof source.uri === 'string'
}

function isRemoteSource(source: PublishSource): source is { remoteRegion: string; remoteImageId: string; remoteServiceInterface?: string } {
  return typeof source === 'object' && source !== null && 'remoteImageId' in source
}

/** The method for this source, refusing a combination that cannot work before anything is created. */
export function publishMethod(source: PublishSource, method: PublishMethod | undefined): PublishMethod {
  const implied = isUriSource(source) ? 'web-download' : isRemoteSource(source) ? 'glance-download' : undefined
  if (implied) {
    if (method !== undefined && method !== implied) throw new ValidationError('method', `A ${implied === 'web-download' ? 'URI' : 'remote image'} source is published with ${implied}, not ${method}`)
    return implied
  }
  if (method === 'web-download' || method === 'glance-download') throw new ValidationError('method', `${method} takes its data from ${method === 'web-download' ? 'a { uri }' : 'a { remoteRegion, remoteImageId }'} source, not from bytes`)
  return method ?? 'upload'
}

export async function publishImage<P extends object = {}>(images: ImagesApi, fields: ImageCreateFields, source: PublishSource, options: PublishOptions = {}): Promise<Image<P>> {
  const method = publishMethod(source, options.method)
  const { signal } = options
  signal?.throwIfAborted()
  // The create is not cut off mid-flight: Glance may have made the image
  // without the answer (its id) reaching us, an orphan nobody could delete.
  // An abort meanwhile is honoured once the image exists, by deleting it.
  const created = await images.create(fields)
  let step: PublishStep = method === 'upload' ? 'upload' : method === 'glance-direct' ? 'stage' : 'import'
  try {
    signal?.throwIfAborted()
    const transfer = { size: options.size, onProgress: options.onProgress, signal }
    if (method === 'upload') {
      await images.upload(created.id, source as ImageData, { ...transfer, store: options.store })
    } else {
      if (method === 'glance-direct') await images.stage(created.id, source as ImageData, transfer)
      step = 'import'
      const accepted = await images.import(created.id, importRequest(method, source, options))
      options.onImportAccepted?.(accepted)
      if (options.wait !== false) {
        step = 'wait'
        return await waitForImage<P>(images, created.id, accepted, options)
      }
    }
  } catch (err) {
    // A dry run stops at the first request it does not send: nothing was created.
    if (err instanceof DryRunStop) throw err
    // Not under the caller's signal: an aborted publish must still clean up.
    const cleanup = await images.delete(created.id).then(
      (): PublishCleanup => ({ imageId: created.id, step, deleted: true }),
      (error: Error): PublishCleanup => ({ imageId: created.id, step, deleted: false, error }),
    )
    try {
      options.onCleanup?.(cleanup)
    } catch {
      // A failing callback must not hide the error that ended the publish.
    }
    throw err
  }
  // The data is in (or its import accepted): the image is published, and a
  // failure to read it back is only that, never a reason to delete it.
  return images.get<P>(created.id, { signal })
}

function importRequest(method: PublishMethod, source: PublishSource, options: PublishOptions): ImageImportOptions {
  const targets = { store: options.store, stores: options.stores, allStores: options.allStores, allowFailure: options.allowFailure, signal: options.signal }
  if (method === 'web-download') return { method, uri: (source as { uri: string }).uri, ...targets }
  if (method === 'glance-download') {
    const remote = source as { remoteRegion: string; remoteImageId: string; remoteServiceInterface?: string }
    return { method, remoteRegion: remote.remoteRegion, remoteImageId: remote.remoteImageId, remoteServiceInterface: remote.remoteServiceInterface, ...targets }
  }
  return { method: 'glance-direct', ...targets }
}

async function waitForImage<P extends object>(images: ImagesApi, id: string, accepted: ImportAccepted, options: PublishOptions): Promise<Image<P>> {
  const result = await images.waitForImport(id, {
    requestId: accepted.requestId,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    onProgress: options.onImportProgress,
    signal: options.signal,
  })
  // A partial import (some stores failed, allowed by allowFailure) leaves an active image: published.
  if (result.outcome === 'failure') throw new ImportFailedError(result)
  // P is what the caller expects of the custom properties, as for images.get<P>.
  return result.image as Image<P>
}
