import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { forEachImage } from '../cli/each-image.js'
import { cliMessage } from '../cli/glance-wording.js'
import { HTTPForbidden } from '../sdk/errors.js'

export default class CacheDelete extends GlanceCommand {
  static override summary = 'Delete image from cache/caching queue.'
  static override strict = false
  static override args = { image_id: Args.string({ description: 'ID of image(s) to delete from cache/queue.', required: true }) }

  async run(): Promise<void> {
    const { argv } = await this.parseArgs(CacheDelete)
    const glance = await this.client()
    // Like glance: every failure is reported and the exit code stays 0.
    await forEachImage(argv as string[], (id) => glance.cache.delete(id), (err, id) =>
      this.printErr(
        err instanceof HTTPForbidden
          ? `You are not permitted to delete the image '${id}' from cache.`
          : `'${cliMessage(err)}': Unable to delete image '${id}' from cache.`,
      ),
    )
  }
}
