import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedDict } from '../cli/output-view.js'
import { HTTPNotFound } from '../sdk/errors.js'

export default class StoresInfo extends GlanceCommand {
  static override summary = 'Print available backends from Glance.'
  static override flags = {
    detail: Flags.boolean({ description: 'Shows details of stores. Admin only.' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(StoresInfo)
    const glance = await this.client()
    let stores
    try {
      stores = await glance.info.getStoresInfo({ detail: flags.detail })
    } catch (err) {
      if (err instanceof HTTPNotFound) this.fail('Multi Backend support is not enabled')
      throw err
    }
    await this.print(printedDict(stores))
  }
}
