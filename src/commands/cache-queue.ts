import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { forEachImage } from '../cli/each-image.js'
import { cliMessage } from '../cli/glance-wording.js'
import { HTTPForbidden } from '../sdk/errors.js'

export default class CacheQueue extends GlanceCommand {
  static override summary = 'Queue image(s) for caching.'
  static override strict = false
  static override args = { image_id: Args.string({ description: 'ID of image(s) to queue for caching.', required: true }) }

  async run(): Promise<void> {
    const { argv } = await this.parseArgs(CacheQueue)
    const glance = await this.client()
    // Like glance: every failure is reported and the exit code stays 0.
    await forEachImage(argv as string[], (id) => glance.cache.queue(id), (err, id) =>
      this.printErr(
        err instanceof HTTPForbidden
          ? `You are not permitted to queue the image '${id}' for caching.`
          : `'${cliMessage(err)}': Unable to queue image '${id}' for caching.`,
      ),
    )
  }
}
