import { Flags } from '@oclif/core'
import type { GlanceClient } from '../sdk/client.js'
import type { ImageImportOptions, ImportMethod } from '../sdk/images/import.js'
import { CommandFailure } from './command-failure.js'
import { assertStoreExists } from './image-upload.js'
import { booleanFlag } from './python-compat.js'

/**
 * The import flags image-import and image-create-via-import share, worded as
 * glance words them. The ones whose help differs between the two commands
 * are built by each command.
 */
export const importSourceFlags = {
  uri: Flags.string({ description: 'URI to download the external image.', helpValue: '<IMAGE_URL>' }),
  'remote-image-id': Flags.string({
    description: 'The IMAGE ID of the image of remote glance, which needsto be imported with glance-download',
    helpValue: '<REMOTE_IMAGE_ID>',
  }),
  'remote-service-interface': Flags.string({
    description: 'The Remote Glance Service Interface for glance-download',
    helpValue: '<REMOTE_SERVICE_INTERFACE>',
  }),
}

export const importStoreFlags = {
  store: Flags.string({ description: 'Backend store to upload image to.', env: 'OS_IMAGE_STORE', helpValue: '<STORE>' }),
  'allow-failure': booleanFlag(
    'Indicator if all stores listed (or available) must succeed. "True" by default meaning that we allow some stores to fail and the status can be monitored from the image metadata. If this is set to "False" the import will be reverted should any of the uploads fail. Only usable with "stores" or "all-stores".',
    { env: 'OS_IMAGE_ALLOW_FAILURE' },
  ),
}

export const allStoresFlag = (description: string) => booleanFlag(description)
export const storesFlag = (description: string) => Flags.string({ description, env: 'OS_IMAGE_STORES', helpValue: '<STORES>' })

/** The parsed import flags (both commands have these). */
export interface ImportFlags {
  uri?: string
  'remote-region'?: string
  'remote-image-id'?: string
  'remote-service-interface'?: string
  store?: string
  stores?: string
  'all-stores'?: boolean
  'allow-failure'?: boolean
}

/** Where an import puts the data: `--store`, `--stores a,b` or `--all-stores`, as glance reads them. */
export interface ImportTargets {
  store?: string
  stores?: string[]
  allStores?: boolean
  allowFailure: boolean
}

/**
 * glance's checks of the target flags, in its order: only one of the three,
 * then every named store must exist (one stores-info call per store, as
 * glance makes). Empty values count as absent, as they do in Python.
 */
export async function checkImportTargets(glance: GlanceClient, flags: ImportFlags): Promise<ImportTargets> {
  const allStores = flags['all-stores']
  const store = flags.store || undefined
  const storesText = flags.stores || undefined
  if ((store && (storesText || allStores)) || (storesText && allStores)) {
    throw new CommandFailure('Only one of --store, --stores and --all-stores can be provided')
  }
  const stores = storesText?.split(',')
  for (const name of store ? [store] : (stores ?? [])) await assertStoreExists(glance, name)
  const allowFailure = flags['allow-failure'] ?? true
  return { store, stores, allStores, allowFailure }
}

/**
 * The server lists the methods it enables; glance checks the chosen one
 * against that list before anything else is sent.
 */
export function checkImportMethod(method: string, importMethods: readonly string[]): ImportMethod {
  if (!importMethods.includes(method)) {
    throw new CommandFailure(`Import method '${method}' is not valid for this cloud. Valid values can be retrieved with import-info command.`)
  }
  // The server's list is the authority on method names.
  return method as ImportMethod
}

/** Where the flags say an import takes its data from: a URI (web-download) or a remote Glance's image (glance-download). */
export function importSource(flags: ImportFlags): Pick<ImageImportOptions, 'uri' | 'remoteRegion' | 'remoteImageId' | 'remoteServiceInterface'> {
  return {
    uri: flags.uri || undefined,
    remoteRegion: flags['remote-region'] || undefined,
    remoteImageId: flags['remote-image-id'] || undefined,
    // glance's default for the flag (Glance assumes the same when it is absent).
    remoteServiceInterface: flags['remote-service-interface'] ?? 'public',
  }
}

/** The SDK's import options from the flags and checked targets. */
export function importOptions(method: ImportMethod, flags: ImportFlags, targets: ImportTargets): ImageImportOptions {
  return { method, ...importSource(flags), ...targets }
}
