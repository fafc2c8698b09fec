import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'

export default class ImageTagDelete extends GlanceCommand {
  static override summary = 'Delete the tag associated with the given image.'
  static override args = {
    image_id: Args.string({ description: 'ID of the image from which to delete tag.', required: true }),
    tag_value: Args.string({ description: 'Value of the tag.', required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(ImageTagDelete)
    if (!args.image_id || !args.tag_value) this.fail('Unable to delete tag. Specify image_id and tag_value')
    const glance = await this.client()
    await glance.images.tags.delete(args.image_id, args.tag_value)
  }
}
