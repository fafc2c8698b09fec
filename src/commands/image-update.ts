import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageFieldsFromFlags, imageUpdateFlags } from '../cli/image-fields.js'
import { formatImage } from '../cli/image-output.js'
import { appendFlag } from '../cli/python-compat.js'
import { validateAgainstSchema } from '../cli/schema-validation.js'

export default class ImageUpdate extends GlanceCommand {
  static override summary = 'Update an existing image.'
  static override args = { image_id: Args.string({ description: 'ID of image to update.', required: true }) }
  static override flags = {
    ...imageUpdateFlags,
    'remove-property': appendFlag('Name of arbitrary property to remove from the image.', { helpValue: 'key' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(ImageUpdate)
    const fields = imageFieldsFromFlags(flags)
    const glance = await this.client()
    validateAgainstSchema(fields, await glance.schemas.get('image'))
    const image = await glance.images.update(args.image_id, { set: fields, remove: flags['remove-property'] })
    await this.print(await formatImage(image))
  }
}
