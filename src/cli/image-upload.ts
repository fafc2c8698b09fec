import type { GlanceClient } from '../sdk/client.js'
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
async function withProgressBar(progress: boolean | undefined, transfer: (onProgress?: ReturnType<typeof createProgressBar>) => Promise<void>): Promise<void> {
  const bar = progress ? createProgressBar() : undefined
  try {
    await transfer(bar)
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

/** What went wrong after the image was created, as the cleanup message says it. */
const CLEANUP_WORDING = {
  upload: { deleted: 'its data upload failed', notDeleted: 'the failed upload' },
  import: { deleted: 'its import could not be started', notDeleted: 'the failed import request' },
}

/**
 * Delete the image this run created when its data never arrived, rather
 * than leave a `queued` image behind as glance does
 * (docs/decisions/0004-no-orphans.md). Returns the line for stderr.
 */
export async function discardCreatedImage(glance: GlanceClient, id: string, failed: keyof typeof CLEANUP_WORDING): Promise<string> {
  const wording = CLEANUP_WORDING[failed]
  return glance.images.delete(id).then(
    () => `Image ${id} was deleted because ${wording.deleted}.`,
    (err: Error) => `Image ${id} could not be deleted after ${wording.notDeleted}: ${err.message}`,
  )
}
