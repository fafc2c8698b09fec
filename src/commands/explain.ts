import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedList } from '../cli/output-view.js'
import { HTTPNotFound } from '../sdk/errors.js'

export default class Explain extends GlanceCommand {
  static override summary = 'Describe a specific model.'
  static override args = { model: Args.string({ description: 'Name of model to describe.', required: true }) }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(Explain)
    const glance = await this.client()
    const schema = await glance.schemas.get(args.model).catch((err: unknown) => {
      if (err instanceof HTTPNotFound) this.fail(`Unable to find requested model '${args.model}'`)
      throw err
    })
    // The live schema's properties, in the server's order.
    const properties = Object.entries(schema.properties).map(([name, property]) => ({ name, description: property.description }))
    const columns = [{ heading: 'Attribute', key: 'name' }, 'Description']
    await this.print(printedList(properties, columns, { formatters: { Attribute: (property) => property.name } }))
  }
}
