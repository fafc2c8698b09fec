import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedList } from '../cli/output-view.js'

export default class ImageTagUpdate extends GlanceCommand {
  static override summary = 'Update an image with the given tag.'
  static override args = {
    image_id: Args.string({ description: 'Image to be updated with the given tag.', required: true }),
    tag_value: Args.string({ description: 'Value of the tag.', required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(ImageTagUpdate)
    if (!args.image_id || !args.tag_value) this.fail('Unable to update tag. Specify image_id and tag_value')
    const glance = await this.client()
    await glance.images.tags.add(args.image_id, args.tag_value)
    const image = await glance.images.get(args.image_id)
    await this.print(printedList([image], ['ID', 'Tags']))
  }
}
