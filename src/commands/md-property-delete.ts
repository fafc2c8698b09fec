import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdPropertyDelete extends GlanceCommand {
  static override summary = 'Delete a specific metadata definitions property inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the property belongs.'),
    property: nameArg('Name of a property.'),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdPropertyDelete)
    await (await this.client()).metadefs.properties.delete(args.namespace, args.property)
  }
}
