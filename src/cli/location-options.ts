import { Flags } from '@oclif/core'
import type { Image } from '../sdk/images/types.js'
import { CommandFailure } from './command-failure.js'
import { type OutputView, printedDict } from './output-view.js'

/** `--metadata` of location-add and location-update. */
export const locationMetadataFlag = Flags.string({
  description: 'Metadata associated with the location. Must be a valid JSON object (default: {})',
  helpValue: '<STRING>',
  default: '{}',
})

/**
 * glance's `json.loads(--metadata)`. Like glance, any JSON value passes
 * (the server refuses what is not an object); only unparsable text fails here.
 */
export function parseLocationMetadata(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new CommandFailure('Metadata is not a valid JSON object.')
  }
}

/** print_dict of the image as glanceclient's `images.get` returns it: every key but the `self` link. */
export async function formatLocationImage(image: Image): Promise<OutputView> {
  const { self: _link, ...shown } = image
  return printedDict(image, shown)
}
