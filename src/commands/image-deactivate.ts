import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'

export default class ImageDeactivate extends GlanceCommand {
  static override summary = 'Deactivate specified image.'
  static override args = { image_id: Args.string({ description: 'ID of image to deactivate.', required: true }) }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(ImageDeactivate)
    const glance = await this.client()
    await glance.images.deactivate(args.image_id)
  }
}
