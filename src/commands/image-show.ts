import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatImage } from '../cli/image-output.js'

export default class ImageShow extends GlanceCommand {
  static override summary = 'Describe a specific image.'
  static override args = { image_id: Args.string({ description: 'ID of image to describe.', required: true }) }
  static override flags = {
    'human-readable': Flags.boolean({ description: 'Print image size in a human-friendly format.' }),
    'max-column-width': Flags.integer({ description: 'The max column width of the printed table.', helpValue: '<integer>', default: 80 }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(ImageShow)
    const glance = await this.client()
    const image = await glance.images.get(args.image_id)
    await this.print(await formatImage(image, { humanReadable: flags['human-readable'], maxColumnWidth: flags['max-column-width'] }))
  }
}
