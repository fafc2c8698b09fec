import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { cliMessage, isGlanceHttpFailure } from '../cli/glance-wording.js'
import { HTTPForbidden } from '../sdk/errors.js'
import { CACHE_CLEAR_TARGETS } from '../sdk/cache/types.js'

export default class CacheClear extends GlanceCommand {
  static override summary = 'Clear all images from cache, queue or both'
  static override flags = {
    target: Flags.option({ description: 'Specify which target you want to clear', options: CACHE_CLEAR_TARGETS, default: 'both' as const })(),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(CacheClear)
    const glance = await this.client()
    try {
      await glance.cache.clear(flags.target)
    } catch (err) {
      if (!isGlanceHttpFailure(err)) throw err
      // Like glance: reported, and the exit code stays 0.
      this.printErr(err instanceof HTTPForbidden ? 'You are not permitted to delete image(s) from cache.' : `'${cliMessage(err)}': Unable to delete image(s) from cache.`)
    }
  }
}
