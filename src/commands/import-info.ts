import { GlanceCommand } from '../cli/base-command.js'
import { printedDict } from '../cli/output-view.js'
import { HTTPNotFound } from '../sdk/errors.js'

export default class ImportInfo extends GlanceCommand {
  static override summary = 'Print import methods available from Glance.'

  async run(): Promise<void> {
    await this.parseArgs(ImportInfo)
    const glance = await this.client()
    let info
    try {
      info = await glance.info.getImportInfo()
    } catch (err) {
      if (err instanceof HTTPNotFound) this.fail('Target Glance does not support Image Import workflow')
      throw err
    }
    await this.print(printedDict(info))
  }
}
