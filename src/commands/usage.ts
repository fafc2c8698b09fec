import { GlanceCommand } from '../cli/base-command.js'
import { usageView } from '../cli/row-views.js'

export default class Usage extends GlanceCommand {
  static override summary = 'Get quota usage information.'

  async run(): Promise<void> {
    await this.parseArgs(Usage)
    const glance = await this.client()
    const usage = await glance.usage.get()
    await this.print(usageView(usage))
  }
}
