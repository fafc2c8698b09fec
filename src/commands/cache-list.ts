import { GlanceCommand } from '../cli/base-command.js'

export default class CacheList extends GlanceCommand {
  static override summary = 'Get cache state.'

  async run(): Promise<void> {
    await this.parseArgs(CacheList)
    const glance = await this.client()
    const state = await glance.cache.list()
    const { printCachedImages } = await import('../cli/render/glance-tables.js')
    await this.print(printCachedImages(state))
  }
}
