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

/** Upload with an optional progress bar; shared by image-create and image-upload. */
export async function uploadImageData(
  glance: GlanceClient,
  id: string,
  source: ImageDataSource,
  options: { size?: number; store?: string; progress?: boolean; signal?: AbortSignal },
): Promise<void> {
  const bar = options.progress ? createProgressBar() : undefined
  try {
    await glance.images.upload(id, source.data, {
      size: options.size ?? source.size,
      store: options.store,
      signal: options.signal,
      onProgress: bar,
    })
  } finally {
    bar?.done()
  }
}
