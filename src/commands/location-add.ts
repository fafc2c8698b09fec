import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatLocationImage, locationMetadataFlag, parseLocationMetadata } from '../cli/location-options.js'
import type { LocationValidationData } from '../sdk/images/types.js'

export default class LocationAdd extends GlanceCommand {
  static override summary = 'Add a location (and related metadata) to an image.'
  static override args = { image_id: Args.string({ description: 'ID of image to which the location is to be added.', required: true }) }
  static override flags = {
    url: Flags.string({ description: 'URL of location to add.', helpValue: '<URL>', required: true }),
    metadata: locationMetadataFlag,
    checksum: Flags.string({ description: 'md5 checksum of image contents', helpValue: '<STRING>' }),
    'hash-algo': Flags.string({ description: 'Multihash algorithm', helpValue: '<STRING>' }),
    'hash-value': Flags.string({ description: 'Multihash value', helpValue: '<STRING>' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(LocationAdd)
    // Empty values are left out, as glance leaves out falsy ones.
    const validationData: LocationValidationData = {}
    if (flags.checksum) validationData.checksum = flags.checksum
    if (flags['hash-algo']) validationData.os_hash_algo = flags['hash-algo']
    if (flags['hash-value']) validationData.os_hash_value = flags['hash-value']
    const metadata = parseLocationMetadata(flags.metadata)
    const glance = await this.client()
    const image = await glance.images.locations.add(args.image_id, flags.url, { metadata, validationData })
    await this.print(await formatLocationImage(image))
  }
}
