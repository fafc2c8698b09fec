import { GlanceCommand } from '../cli/base-command.js'

export default class Usage extends GlanceCommand {
  static override summary = 'Get quota usage information.'

  async run(): Promise<void> {
    await this.parseArgs(Usage)
    const glance = await this.client()
    const usage = await glance.usage.get()
    const { printDictList } = await import('../cli/render/glance-tables.js')
    await this.print(printDictList(Object.entries(usage).map(([quota, value]) => ({ ...value, quota })), ['Quota', 'Limit', 'Usage']))
  }
}
