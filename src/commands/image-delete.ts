import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { HTTPConflict, HTTPForbidden, HTTPNotFound, HttpError } from '../sdk/errors.js'

export default class ImageDelete extends GlanceCommand {
  static override summary = 'Delete specified image.'
  static override strict = false
  static override args = { image_id: Args.string({ description: 'ID of image(s) to delete.', required: true }) }

  async run(): Promise<void> {
    const { argv } = await this.parseArgs(ImageDelete)
    const glance = await this.client()
    let failed = false
    // Like glance: try every id, report each failure, exit 1 if any failed.
    for (const id of argv as string[]) {
      try {
        await glance.images.delete(id)
      } catch (err) {
        if (!(err instanceof HttpError)) throw err
        failed = true
        if (err instanceof HTTPForbidden) this.printErr(`You are not permitted to delete the image '${id}'.`)
        else if (err instanceof HTTPNotFound) this.printErr(`No image with an ID of '${id}' exists.`)
        else if (err instanceof HTTPConflict) this.printErr(`Unable to delete image '${id}' because it is in use.`)
        else this.printErr(`'${err.message}': Unable to delete image '${id}'`)
      }
    }
    if (failed) this.fail('')
  }
}
