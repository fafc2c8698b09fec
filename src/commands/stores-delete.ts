import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { HTTPNotFound, HttpError } from '../sdk/errors.js'

export default class StoresDelete extends GlanceCommand {
  static override summary = 'Delete image from specific store.'
  static override args = { image_id: Args.string({ description: 'ID of image to update.', required: true }) }
  static override flags = {
    store: Flags.string({ description: 'Store to delete image from.', required: true, helpValue: '<STORE_ID>' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(StoresDelete)
    const glance = await this.client()
    try {
      await glance.images.deleteFromStore(args.image_id, flags.store)
    } catch (err) {
      if (err instanceof HTTPNotFound) this.fail('Multi Backend support is not enabled or Image/store not found.')
      if (err instanceof HttpError) this.fail(`Unable to delete image '${args.image_id}' from store '${flags.store}'. (${err.message})`)
      throw err
    }
  }
}
