import { GlanceCommand } from '../cli/base-command.js'
import { cachedImagesView } from '../cli/row-views.js'

export default class CacheList extends GlanceCommand {
  static override summary = 'Get cache state.'

  async run(): Promise<void> {
    await this.parseArgs(CacheList)
    const glance = await this.client()
    const state = await glance.cache.list()
    await this.print(cachedImagesView(state))
  }
}
