import { GlanceCommand } from '../cli/base-command.js'
import { columnWidth, maxColumnWidthFlag, nameArg } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdPropertyShow extends GlanceCommand {
  static override summary = 'Describe a specific metadata definitions property inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the property belongs.'),
    property: nameArg('Name of a property.'),
  }
  static override flags = { 'max-column-width': maxColumnWidthFlag }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdPropertyShow)
    const property = await (await this.client()).metadefs.properties.get(args.namespace, args.property)
    await this.print(await formatDefinition(property, columnWidth(flags['max-column-width'])))
  }
}
