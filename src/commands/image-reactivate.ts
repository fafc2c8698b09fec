import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'

export default class ImageReactivate extends GlanceCommand {
  static override summary = 'Reactivate specified image.'
  static override args = { image_id: Args.string({ description: 'ID of image to reactivate.', required: true }) }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(ImageReactivate)
    const glance = await this.client()
    await glance.images.reactivate(args.image_id)
  }
}
