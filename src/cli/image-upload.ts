import type { GlanceClient } from '../sdk/client.js'
import type { PublishCleanup, PublishOptions, PublishSource, PublishStep } from '../sdk/images/publish.js'
import type { Image, ImageCreateFields } from '../sdk/images/types.js'
import type { ImageDataSource } from './data-source.js'
import { CommandFailure } from './command-failure.js'
import { createProgressBar } from './progress.js'

/** glance refuses a store the cloud does not have, before sending any data. */
export async function assertStoreExists(glance: GlanceClient, store: string): Promise<void> {
  const stores = await glance.images.storeIds()
  if (stores && !stores.includes(store)) {
    throw new CommandFailure(`Store '${store}' is not valid for this cloud. Valid values can be retrieved with stores-info command.`)
  }
}

/** Data options of image-upload, image-stage and image-create(-via-import). */
export interface TransferOptions {
  /** `--size`: glance ignores it; we use it only when the source cannot tell its size (a pipe). */
  size?: number
  progress?: boolean
  signal?: AbortSignal
}

/** Run a transfer with glance's `--progress` bar when asked for. */
async function withProgressBar<T>(progress: boolean | undefined, transfer: (onProgress?: ReturnType<typeof createProgressBar>) => Promise<T>): Promise<T> {
  const bar = progress ? createProgressBar() : undefined
  try {
    return await transfer(bar)
  } finally {
    bar?.done()
  }
}

/** Upload with an optional progress bar; shared by image-create and image-upload. */
export async function uploadImageData(glance: GlanceClient, id: string, source: ImageDataSource, options: TransferOptions & { store?: string }): Promise<void> {
  await withProgressBar(options.progress, (onProgress) =>
    glance.images.upload(id, source.data, { size: source.size ?? options.size, store: options.store, signal: options.signal, onProgress }),
  )
}

/** Stage data for a glance-direct import; shared by image-stage and image-create-via-import. */
export async function stageImageData(glance: GlanceClient, id: string, source: ImageDataSource, options: TransferOptions): Promise<void> {
  await withProgressBar(options.progress, (onProgress) =>
    glance.images.stage(id, source.data, { size: source.size ?? options.size, signal: options.signal, onProgress }),
  )
}

/** What a failed publish had reached, as the cleanup message words it. */
const CLEANUP_WORDING: Record<PublishStep, { deleted: string; notDeleted: string }> = {
  upload: { deleted: 'its data upload failed', notDeleted: 'the failed upload' },
  stage: { deleted: 'its data upload failed', notDeleted: 'the failed upload' },
  import: { deleted: 'its import could not be started', notDeleted: 'the failed import request' },
  wait: { deleted: 'its import failed', notDeleted: 'the failed import' },
}

/** The stderr line for an image a failed publish deleted (or could not). */
function cleanupLine({ imageId, step, deleted, error }: PublishCleanup): string {
  const wording = CLEANUP_WORDING[step]
  return deleted ? `Image ${imageId} was deleted because ${wording.deleted}.` : `Image ${imageId} could not be deleted after ${wording.notDeleted}: ${error?.message}`
}

/**
 * Create an image with its data through the SDK's all-or-nothing publish:
 * the image this run created is deleted when its data never arrived, rather
 * than left `queued` as glance leaves it (docs/decisions/0004-no-orphans.md);
 * `report` gets the line saying so. Imports are not waited for here: the
 * caller prints the image Glance shows once it accepted the import.
 */
export async function publishImageData(
  glance: GlanceClient,
  fields: ImageCreateFields,
  source: ImageDataSource | PublishSource,
  options: TransferOptions & Omit<PublishOptions, 'onProgress' | 'onCleanup' | 'wait' | 'size' | 'signal'>,
  report: (line: string) => void,
): Promise<Image> {
  const data = isDataSource(source) ? source.data : source
  const size = isDataSource(source) ? (source.size ?? options.size) : undefined
  const { progress, size: _size, ...publish } = options
  // Said once the progress bar has ended its line.
  let cleanup: PublishCleanup | undefined
  try {
    return await withProgressBar(progress && isDataSource(source), (onProgress) =>
      glance.images.publish(fields, data, { ...publish, size, onProgress, wait: false, onCleanup: (done) => (cleanup = done) }),
    )
  } finally {
    if (cleanup) report(cleanupLine(cleanup))
  }
}

function isDataSource(source: ImageDataSource | PublishSource): source is ImageDataSource {
  return typeof source === 'object' && source !== null && 'label' in source && 'data' in source
}
