import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatLocationImage, locationMetadataFlag, parseLocationMetadata } from '../cli/location-options.js'
import { UnknownLocationError } from '../sdk/images/locations.js'

export default class LocationUpdate extends GlanceCommand {
  static override summary = "Update metadata of an image's location."
  static override args = { image_id: Args.string({ description: 'ID of image whose location is to be updated.', required: true }) }
  static override flags = {
    url: Flags.string({ description: 'URL of location to update.', helpValue: '<URL>', required: true }),
    metadata: locationMetadataFlag,
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(LocationUpdate)
    const metadata = parseLocationMetadata(flags.metadata)
    const isEmptyObject = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) && Object.keys(metadata).length === 0
    // On stdout, before the request, as glance prints it.
    if (isEmptyObject) await this.print("WARNING -- The location's metadata will be updated to an empty JSON object.\n")
    const glance = await this.client()
    const image = await glance.images.locations.update(args.image_id, flags.url, metadata).catch((err: unknown) => {
      if (!(err instanceof UnknownLocationError)) throw err
      return this.fail(`HTTP Unknown URL: ${flags.url}, the URL must be one of existing locations of current image`)
    })
    await this.print(await formatLocationImage(image))
  }
}
